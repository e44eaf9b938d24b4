#include "queryeditor.h"

#include <QFontDatabase>
#include <QKeyEvent>

using namespace Qt::StringLiterals;

namespace QInflux {

QueryEditor::QueryEditor(QWidget *parent) : QPlainTextEdit(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("Type InfluxQL, e.g. SELECT * FROM cpu_load_short, and press Ctrl+Enter to run it."));
    setTabChangesFocus(false);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
}

QString QueryEditor::queryToRun() const
{
    const QString selected = textCursor().selectedText();
    // QTextCursor uses U+2029 as paragraph separator in selections.
    const QString text = selected.isEmpty() ? toPlainText() : QString(selected).replace(QChar::ParagraphSeparator, u'\n');
    return text.trimmed();
}

void QueryEditor::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && (event->modifiers() & Qt::ControlModifier)) {
        const QString query = queryToRun();
        if (!query.isEmpty())
            Q_EMIT runRequested(query);
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace QInflux
