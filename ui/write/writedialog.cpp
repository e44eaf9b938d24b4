#include "writedialog.h"

#include <QInflux/client.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTextBlock>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {
constexpr int s_lineRole = Qt::UserRole + 1;
}

WriteDialog::WriteDialog(Client *client, QWidget *parent) : QDialog(parent), m_client(client)
{
    setWindowTitle(tr("Write Points"));

    m_syntax = new QComboBox(this);
    m_syntax->setObjectName(u"writeSyntax"_s);
    m_syntax->addItem(tr("Automatic"));
    m_syntax->addItem(tr("Line protocol"));
    m_syntax->addItem(tr("JSON points (aioinflux style)"));
    m_database = new QComboBox(this);
    m_database->setObjectName(u"writeDatabase"_s);
    m_retention = new QComboBox(this);
    m_retention->setObjectName(u"writeRetentionPolicy"_s);
    m_precision = new QComboBox(this);
    m_precision->setObjectName(u"writePrecision"_s);
    const std::pair<QString, TimeUnit> units[] = {{tr("nanoseconds"), TimeUnit::Nanoseconds},
                                                  {tr("microseconds"), TimeUnit::Microseconds},
                                                  {tr("milliseconds"), TimeUnit::Milliseconds},
                                                  {tr("seconds"), TimeUnit::Seconds},
                                                  {tr("minutes"), TimeUnit::Minutes},
                                                  {tr("hours"), TimeUnit::Hours}};
    for (const auto &[name, unit] : units)
        m_precision->addItem(name, QVariant::fromValue(int(unit)));
    m_measurement = new QLineEdit(this);
    m_measurement->setObjectName(u"writeMeasurement"_s);
    m_measurement->setPlaceholderText(tr("for JSON points without a measurement"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_syntax);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&Retention policy:"), m_retention);
    form->addRow(tr("&Precision:"), m_precision);
    form->addRow(tr("&Measurement:"), m_measurement);

    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(u"writeEditor"_s);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setPlaceholderText(tr("cpu,host=server01 usage=0.64 1700000000000000000\n"
                                    "or {\"measurement\": \"cpu\", \"tags\": {\"host\": \"a\"}, \"fields\": {\"usage\": 0.64}}"));
    m_problems = new QListWidget(this);
    m_problems->setObjectName(u"writeProblems"_s);
    connect(m_problems, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            goToLine(item->data(s_lineRole).toLongLong());
    });
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_editor);
    splitter->addWidget(m_problems);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(u"writeStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *checkButton = buttons->addButton(tr("C&heck"), QDialogButtonBox::ActionRole);
    checkButton->setObjectName(u"writeCheckButton"_s);
    m_writeButton = buttons->addButton(tr("&Write"), QDialogButtonBox::ActionRole);
    m_writeButton->setObjectName(u"writeButton"_s);
    m_writeButton->setIcon(QIcon::fromTheme(u"document-send"_s, style()->standardIcon(QStyle::SP_DialogApplyButton)));
    m_writeButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_writeButton->setToolTip(tr("Check every point, then write them (Ctrl+Enter)"));
    m_cancelButton = buttons->addButton(tr("C&ancel Write"), QDialogButtonBox::ActionRole);
    m_cancelButton->setObjectName(u"writeCancelButton"_s);
    m_cancelButton->setEnabled(false);
    connect(m_cancelButton, &QPushButton::clicked, this, &WriteDialog::cancel);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0); // busy: the client reports no per-batch progress
    m_progress->setMaximumHeight(m_status->sizeHint().height());
    m_progress->hide();
    connect(checkButton, &QPushButton::clicked, this, [this] { check(); });
    connect(m_writeButton, &QPushButton::clicked, this, &WriteDialog::write);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::rejected, this, &WriteDialog::cancel); // closing stops a write in progress
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] { markLines({}); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);
    resize(760, 560);

    connect(m_database, &QComboBox::currentTextChanged, this, [this](const QString &database) {
        QCoro::connect(loadRetentionPolicies(database), this, [] {});
    });
    QCoro::connect(loadDatabases(), this, [] {});
}

WriteInput::Syntax WriteDialog::syntax() const
{
    switch (m_syntax->currentIndex()) {
    case 1:
        return WriteInput::Syntax::LineProtocol;
    case 2:
        return WriteInput::Syntax::Json;
    default:
        return WriteInput::guessSyntax(m_editor->toPlainText());
    }
}

WriteInput::Checked WriteDialog::check()
{
    WriteOptions options;
    options.precision = TimeUnit(m_precision->currentData().toInt());
    options.measurement = m_measurement->text().trimmed();
    WriteInput::Checked checked = WriteInput::check(m_editor->toPlainText(), syntax(), Client::lineProtocolOptions(options));
    m_problems->clear();
    QList<qsizetype> lines;
    for (const LineProtocol::Problem &problem : std::as_const(checked.problems)) {
        auto *item = new QListWidgetItem(tr("Line %1: %2").arg(problem.index).arg(problem.reason), m_problems);
        item->setData(s_lineRole, qlonglong(problem.index));
        lines.append(problem.index);
    }
    markLines(lines);
    if (!checked.problems.isEmpty())
        setStatus(tr("%n point(s) cannot be written; nothing will be sent until they are fixed.", nullptr,
                     int(checked.problems.size())),
                  true);
    else if (checked.points == 0)
        setStatus(tr("Nothing to write."), true);
    else
        setStatus(tr("%n point(s) ready to write.", nullptr, int(checked.points)), false);
    return checked;
}

void WriteDialog::write()
{
    if (m_cancel)
        return;
    WriteInput::Checked checked = check();
    if (!checked.problems.isEmpty() || checked.points == 0) {
        if (!checked.problems.isEmpty())
            m_problems->setCurrentRow(0);
        Q_EMIT writeFinished(false, 0, m_status->text());
        return;
    }
    QCoro::connect(writeTask(std::move(checked.lines), checked.points), this, [] {});
}

QCoro::Task<> WriteDialog::writeTask(QByteArray lines, qsizetype points)
{
    QPointer<WriteDialog> self(this);
    if (!m_client) {
        setStatus(tr("Not connected."), true);
        Q_EMIT writeFinished(false, 0, m_status->text());
        co_return;
    }
    WriteOptions options;
    options.database = m_database->currentText();
    options.retentionPolicy = m_retention->currentData().toString();
    options.precision = TimeUnit(m_precision->currentData().toInt());
    options.concurrency = 1; // in the order typed
    m_cancel = Cancellation();
    options.cancellation = m_cancel;
    m_writeButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_progress->show();
    setStatus(tr("Writing %n point(s)…", nullptr, int(points)), false);
    const Result<void> written = co_await m_client->write(std::move(lines), options);
    if (!self)
        co_return;
    m_cancel.reset();
    m_writeButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    m_progress->hide();
    const QString where = options.retentionPolicy.isEmpty() ? options.database : options.database + u'.' + options.retentionPolicy;
    if (written) {
        setStatus(tr("Wrote %n point(s) to %1.", nullptr, int(points)).arg(where), false);
        Q_EMIT writeFinished(true, points, m_status->text());
    } else {
        setStatus(written.error().toString(), true);
        Q_EMIT writeFinished(false, 0, m_status->text());
    }
}

void WriteDialog::cancel()
{
    if (m_cancel)
        m_cancel->cancel();
}

QCoro::Task<> WriteDialog::loadDatabases()
{
    QPointer<WriteDialog> self(this);
    if (!m_client)
        co_return;
    const QString current = m_client->settings().database;
    const auto answer = co_await m_client->showDatabases();
    if (!self)
        co_return;
    if (!answer) {
        setStatus(tr("Cannot list the databases: %1").arg(answer.error().toString()), true);
        Q_EMIT choicesLoaded();
        co_return;
    }
    QStringList names;
    if (const auto frame = answer->frame(); frame && frame->columnCount() > 0) {
        for (qsizetype row = 0; row < frame->rowCount(); ++row)
            names << frame->column(0).value(row).toString();
    }
    m_database->clear();
    m_database->addItems(names);
    if (!current.isEmpty())
        m_database->setCurrentText(current);
    if (names.isEmpty())
        Q_EMIT choicesLoaded(); // no database: nothing more to load
}

QCoro::Task<> WriteDialog::loadRetentionPolicies(QString database)
{
    QPointer<WriteDialog> self(this);
    m_retention->clear();
    m_retention->addItem(tr("(default)"), QString());
    if (!m_client || database.isEmpty()) {
        Q_EMIT choicesLoaded();
        co_return;
    }
    const auto answer = co_await m_client->showRetentionPolicies(database);
    if (!self || m_database->currentText() != database)
        co_return;
    if (answer) {
        if (const auto frame = answer->frame()) {
            const Column *name = frame->column(u"name");
            for (qsizetype row = 0; name && row < frame->rowCount(); ++row)
                m_retention->addItem(name->value(row).toString(), name->value(row).toString());
        }
    }
    Q_EMIT choicesLoaded();
}

void WriteDialog::markLines(const QList<qsizetype> &lines)
{
    QList<QTextEdit::ExtraSelection> selections;
    QColor mark = palette().color(QPalette::Highlight);
    mark.setAlpha(70);
    for (qsizetype line : lines) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(m_editor->document()->findBlockByNumber(int(line - 1)));
        selection.format.setBackground(mark);
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections.append(selection);
    }
    m_editor->setExtraSelections(selections);
}

void WriteDialog::goToLine(qsizetype line)
{
    const QTextBlock block = m_editor->document()->findBlockByNumber(int(line - 1));
    if (!block.isValid())
        return;
    m_editor->setTextCursor(QTextCursor(block));
    m_editor->centerCursor();
}

void WriteDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    QFont font = m_status->font();
    font.setBold(error);
    m_status->setFont(font);
}

} // namespace QInflux
