#include "queryeditor.h"

#include <QInflux/influxql.h>
#include "completionmodel.h"
#include "influxqlhighlighter.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QScrollBar>

using namespace Qt::StringLiterals;

namespace QInflux {

QueryEditor::QueryEditor(QWidget *parent) : QPlainTextEdit(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("Type InfluxQL, e.g. SELECT * FROM cpu_load_short, and press Ctrl+Enter to run the statement "
                          "under the cursor (Ctrl+Shift+Enter runs all, Ctrl+Space completes)."));
    setTabChangesFocus(false);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_highlighter = new InfluxQLHighlighter(document(), palette());

    m_completer = new QCompleter(this);
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setModelSorting(QCompleter::CaseInsensitivelySortedModel);
    m_completer->setCompletionRole(Qt::DisplayRole);
    m_completer->setMaxVisibleItems(12);
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this, &QueryEditor::insertCompletion);
}

void QueryEditor::setCompletionModel(CompletionModel *model)
{
    m_model = model;
    m_completer->setModel(model);
}

QString QueryEditor::queryToRun() const
{
    const QString selected = textCursor().selectedText();
    if (!selected.isEmpty()) // QTextCursor uses U+2029 as paragraph separator in selections.
        return QString(selected).replace(QChar::ParagraphSeparator, u'\n').trimmed();
    return statementAt(toPlainText(), textCursor().position());
}

QString QueryEditor::allQueries() const
{
    return toPlainText().trimmed();
}

QString QueryEditor::statementAt(QStringView text, qsizetype position)
{
    // splitStatements() returns trimmed statements in order; between two of them there is only
    // white space and ';', so each one's first occurrence after the previous one is where it is.
    const QStringList statements = InfluxQL::splitStatements(text);
    qsizetype from = 0;
    qsizetype before = -1;
    for (qsizetype i = 0; i < statements.size(); ++i) {
        const qsizetype start = text.indexOf(statements[i], from);
        if (start < 0) // cannot happen: each statement is a piece of the text
            break;
        const qsizetype end = start + statements[i].size();
        if (position >= start && position <= end)
            return statements[i];
        if (end < position)
            before = i;
        from = end;
    }
    if (before >= 0)
        return statements[before];
    return statements.isEmpty() ? QString() : statements.first();
}

QueryEditor::Prefix QueryEditor::prefixBeforeCursor() const
{
    const QTextCursor cursor = textCursor();
    const QString line = cursor.block().text().left(cursor.positionInBlock());
    // Inside a quoted identifier the prefix runs from the opening quote; a string or comment gets none.
    QChar quote;
    qsizetype quoteStart = -1;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (!quote.isNull()) {
            if (c == u'\\')
                ++i;
            else if (c == quote)
                quote = QChar();
        } else if (c == u'"' || c == u'\'') {
            quote = c;
            quoteStart = i;
        } else if (c == u'-' && i + 1 < line.size() && line[i + 1] == u'-') {
            return {{}, 0, false, false};
        }
    }
    if (quote == u'\'')
        return {{}, 0, false, false};
    if (quote == u'"')
        return {line.mid(quoteStart + 1), int(line.size() - quoteStart), true};
    qsizetype start = line.size();
    while (start > 0 && (line[start - 1].isLetterOrNumber() || line[start - 1] == u'_'))
        --start;
    return {line.mid(start), int(line.size() - start), false};
}

void QueryEditor::showCompletions()
{
    if (m_model)
        m_model->refresh(); // the database may have changed since the words were loaded
    const Prefix prefix = prefixBeforeCursor();
    if (!prefix.completable)
        return;
    m_completer->setCompletionPrefix(prefix.text);
    m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    QRect rect = cursorRect();
    rect.setWidth(m_completer->popup()->sizeHintForColumn(0) + m_completer->popup()->verticalScrollBar()->sizeHint().width());
    m_completer->complete(rect);
}

void QueryEditor::insertCompletion(const QModelIndex &index)
{
    const Prefix prefix = prefixBeforeCursor();
    const auto kind = static_cast<CompletionModel::Kind>(index.data(CompletionModel::KindRole).toInt());
    const bool name = kind != CompletionModel::Kind::Keyword && kind != CompletionModel::Kind::Function;
    // After an open quote a name is always inserted quoted, whole: the quote typed is replaced.
    const QString insert = prefix.quoted && name ? InfluxQL::quoteIdentifier(index.data(Qt::DisplayRole).toString())
                                                 : index.data(CompletionModel::InsertRole).toString();
    if (insert.isEmpty())
        return;
    QTextCursor cursor = textCursor();
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, prefix.length);
    cursor.insertText(insert);
    setTextCursor(cursor);
}

void QueryEditor::keyPressEvent(QKeyEvent *event)
{
    const bool popupVisible = m_completer->popup()->isVisible();
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (popupVisible && (enter || event->key() == Qt::Key_Escape || event->key() == Qt::Key_Tab)) {
        event->ignore(); // the completer chooses or closes
        return;
    }
    if (enter && (event->modifiers() & Qt::ControlModifier)) {
        const QString query = (event->modifiers() & Qt::ShiftModifier) ? allQueries() : queryToRun();
        if (!query.isEmpty())
            Q_EMIT runRequested(query);
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Space && (event->modifiers() & Qt::ControlModifier)) {
        showCompletions();
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
    if (popupVisible) {
        // Narrow the open popup to what is typed now; close it when the word ends.
        const Prefix prefix = prefixBeforeCursor();
        if (prefix.length == 0 || !prefix.completable) {
            m_completer->popup()->hide();
        } else {
            m_completer->setCompletionPrefix(prefix.text);
            m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
        }
    }
}

void QueryEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->setPalette(palette());
    QPlainTextEdit::changeEvent(event);
}

} // namespace QInflux
