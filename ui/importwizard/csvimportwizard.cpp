#include "csvimportwizard.h"

#include "client/client.h"
#include "csv/csvframebuilder.h"
#include "csv/csvimportjob.h"
#include "csv/csvreader.h"
#include "lineprotocol/lineprotocol.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <QCoroTask>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

enum Column { NameColumn, RoleColumn, TypeColumn, ValuesColumn };
const QStringList s_roles = {u"field"_s, u"tag"_s, u"time"_s, u"ignore"_s};
const QStringList s_types = {u"auto"_s, u"int"_s, u"float"_s, u"bool"_s, u"string"_s};

/// A page whose completeness the wizard decides.
class Page : public QWizardPage
{
public:
    std::function<bool()> complete = [] { return true; };
    std::function<void()> enter = [] {};
    bool isComplete() const override { return complete(); }
    void initializePage() override { enter(); }
    void changed() { Q_EMIT completeChanged(); }
};

} // namespace

class CsvImportWizard::Private
{
public:
    Client *client = nullptr;
    QLineEdit *path = nullptr;
    QComboBox *delimiter = nullptr;
    QComboBox *encoding = nullptr;
    QCheckBox *header = nullptr;
    QSpinBox *skipLines = nullptr;
    QCheckBox *decimalComma = nullptr;
    QLabel *detected = nullptr;
    QTableWidget *columns = nullptr;
    QLineEdit *database = nullptr;
    QLineEdit *measurement = nullptr;
    QLineEdit *timeFormat = nullptr;
    QLineEdit *timeZone = nullptr;
    QLineEdit *rejects = nullptr;
    QComboBox *onError = nullptr;
    QPlainTextEdit *preview = nullptr;
    QProgressBar *progress = nullptr;
    QLabel *status = nullptr;
    QPushButton *cancel = nullptr;
    Page *runPage = nullptr;
    std::unique_ptr<CsvImportJob> job;
    CsvImportReport report;
    bool finished = false;

    CsvDialect dialect() const
    {
        CsvDialect d;
        static const QList<char> delimiters = {0, ',', ';', '\t', '|', ' '};
        d.delimiter = delimiters.value(delimiter->currentIndex());
        parseCsvEncoding(encoding->currentText(), &d.encoding);
        d.hasHeader = header->isChecked();
        d.skipLines = skipLines->value();
        return d;
    }

    CsvImportProfile profile() const
    {
        CsvImportProfile p;
        p.dialect = dialect();
        p.decimalComma = decimalComma->isChecked();
        p.measurement = measurement->text().trimmed();
        p.timeFormat = timeFormat->text().trimmed();
        p.timeZone = timeZone->text().trimmed();
        p.onError = onError->currentIndex() == 1 ? CsvOnError::Stop : CsvOnError::Skip;
        for (int r = 0; r < columns->rowCount(); ++r) {
            const QString name = columns->item(r, NameColumn)->text();
            const auto *role = static_cast<QComboBox *>(columns->cellWidget(r, RoleColumn));
            const auto *type = static_cast<QComboBox *>(columns->cellWidget(r, TypeColumn));
            if (role->currentText() == "tag"_L1) {
                p.tagColumns.append(name);
            } else if (role->currentText() == "time"_L1) {
                p.timeColumns.append(name);
            } else if (role->currentText() == "ignore"_L1) {
                p.ignoreColumns.append(name);
            } else {
                CsvType t = CsvType::Auto;
                parseCsvType(type->currentText(), &t);
                p.fieldColumns.append({name, t});
            }
        }
        return p;
    }

    /// The first rows of the file with the dialect of the page; empty (and a message) when unreadable.
    bool sample(QStringList *names, std::vector<std::vector<std::string>> *rows, QString *error, CsvDialect *used) const
    {
        QFile file(path->text());
        if (!file.open(QIODevice::ReadOnly)) {
            *error = file.errorString();
            return false;
        }
        CsvReader reader(&file, dialect());
        if (!reader.open()) {
            *error = reader.error();
            return false;
        }
        *names = reader.header();
        *used = reader.dialect();
        CsvRecord record;
        while (rows->size() < 200 && reader.next(&record)) {
            if (record.problem.isEmpty() && qsizetype(record.fields.size()) == names->size())
                rows->emplace_back(record.fields.begin(), record.fields.end());
        }
        return true;
    }

    void loadColumns()
    {
        QStringList names;
        std::vector<std::vector<std::string>> rows;
        QString error;
        CsvDialect used;
        columns->setRowCount(0);
        if (!sample(&names, &rows, &error, &used)) {
            detected->setText(u"Cannot read the file: "_s + error);
            return;
        }
        detected->setText(u"Read as %1, delimiter \"%2\", %3 columns."_s.arg(csvEncodingName(used.encoding),
                                                                             used.delimiter == '\t' ? u"TAB"_s : QString(QLatin1Char(used.delimiter)))
                              .arg(names.size()));
        CsvImportProfile probe;
        probe.measurement = u"preview"_s;
        probe.decimalComma = decimalComma->isChecked();
        QString why;
        const auto schema = CsvSchema::resolve(probe, names, rows, &why);
        columns->setRowCount(int(names.size()));
        for (int r = 0; r < names.size(); ++r) {
            columns->setItem(r, NameColumn, new QTableWidgetItem(names[r]));
            auto *role = new QComboBox;
            role->addItems(s_roles);
            auto *type = new QComboBox;
            type->addItems(s_types);
            if (schema) {
                const CsvSchema::Column &c = schema->columns()[r];
                role->setCurrentText(c.role == CsvSchema::Role::Time ? u"time"_s : u"field"_s);
                if (c.role == CsvSchema::Role::Field)
                    type->setCurrentText(csvTypeName(c.type));
            }
            columns->setCellWidget(r, RoleColumn, role);
            columns->setCellWidget(r, TypeColumn, type);
            QStringList values;
            for (size_t i = 0; i < std::min<size_t>(rows.size(), 3); ++i)
                values.append(QString::fromStdString(rows[i][size_t(r)]));
            columns->setItem(r, ValuesColumn, new QTableWidgetItem(values.join(u" | "_s)));
        }
        if (!schema)
            detected->setText(detected->text() + u"\n"_s + why);
    }

    void loadPreview()
    {
        QStringList names;
        std::vector<std::vector<std::string>> rows;
        QString error;
        CsvDialect used;
        if (!sample(&names, &rows, &error, &used)) {
            preview->setPlainText(error);
            return;
        }
        const CsvImportProfile p = profile();
        const auto schema = CsvSchema::resolve(p, names, rows, &error);
        if (!schema) {
            preview->setPlainText(error);
            return;
        }
        CsvFrameBuilder builder(*schema, p, names.size());
        QStringList problems;
        CsvRecord record;
        for (size_t i = 0; i < std::min<size_t>(rows.size(), 5); ++i) {
            record.fields.assign(rows[i].begin(), rows[i].end());
            record.line = qint64(i) + 1;
            QString reason;
            if (!builder.add(record, &reason))
                problems.append(u"row %1: %2"_s.arg(i + 1).arg(reason));
        }
        LineProtocol::Options options;
        options.tagColumns = builder.tagColumns();
        options.extraTags = p.extraTags;
        options.precision = p.precision;
        QString text;
        for (const CsvFrameBuilder::Table &t : builder.take())
            text += QString::fromUtf8(LineProtocol::serialize(t.frame, options).lines);
        preview->setPlainText(text + problems.join(u'\n'));
    }
};

CsvImportWizard::CsvImportWizard(Client *client, QWidget *parent) : QWizard(parent), d(std::make_unique<Private>())
{
    d->client = client;
    setWindowTitle(tr("Import CSV"));
    setAcceptDrops(true);

    auto *filePage = new Page;
    filePage->setTitle(tr("File"));
    filePage->setSubTitle(tr("Choose a CSV file, or drop one here."));
    d->path = new QLineEdit;
    d->path->setObjectName(u"path"_s);
    auto *browse = new QPushButton(tr("Browse..."));
    auto *fileRow = new QHBoxLayout(filePage);
    fileRow->addWidget(d->path);
    fileRow->addWidget(browse);
    filePage->complete = [this] { return QFileInfo(d->path->text()).isFile(); };
    connect(d->path, &QLineEdit::textChanged, filePage, [filePage] { filePage->changed(); });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("CSV file"), {}, tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
        if (!file.isEmpty())
            d->path->setText(file);
    });
    addPage(filePage);

    auto *columnsPage = new Page;
    columnsPage->setTitle(tr("Dialect and columns"));
    auto *dialectForm = new QFormLayout;
    d->delimiter = new QComboBox;
    d->delimiter->addItems({tr("detect"), u","_s, u";"_s, tr("tab"), u"|"_s, tr("space")});
    d->encoding = new QComboBox;
    d->encoding->addItems({u"auto"_s, u"utf-8"_s, u"utf-16le"_s, u"utf-16be"_s, u"latin-1"_s});
    d->header = new QCheckBox(tr("First line is a header"));
    d->header->setChecked(true);
    d->skipLines = new QSpinBox;
    d->decimalComma = new QCheckBox(tr("Decimal comma (1,5)"));
    d->detected = new QLabel;
    d->detected->setObjectName(u"detected"_s);
    dialectForm->addRow(tr("Delimiter"), d->delimiter);
    dialectForm->addRow(tr("Encoding"), d->encoding);
    dialectForm->addRow(tr("Skip lines"), d->skipLines);
    dialectForm->addRow(d->header);
    dialectForm->addRow(d->decimalComma);
    d->columns = new QTableWidget(0, 4);
    d->columns->setObjectName(u"columns"_s);
    d->columns->setHorizontalHeaderLabels({tr("Column"), tr("Role"), tr("Type"), tr("First values")});
    d->columns->horizontalHeader()->setStretchLastSection(true);
    auto *columnsLayout = new QVBoxLayout(columnsPage);
    columnsLayout->addLayout(dialectForm);
    columnsLayout->addWidget(d->detected);
    columnsLayout->addWidget(d->columns);
    columnsPage->enter = [this] { d->loadColumns(); };
    columnsPage->complete = [this] { return d->columns->rowCount() > 0; };
    for (QComboBox *box : {d->delimiter, d->encoding})
        connect(box, &QComboBox::currentIndexChanged, this, [this, columnsPage] { d->loadColumns(); columnsPage->changed(); });
    connect(d->header, &QCheckBox::toggled, this, [this, columnsPage] { d->loadColumns(); columnsPage->changed(); });
    connect(d->skipLines, &QSpinBox::valueChanged, this, [this, columnsPage] { d->loadColumns(); columnsPage->changed(); });
    connect(d->decimalComma, &QCheckBox::toggled, this, [this] { d->loadColumns(); });
    addPage(columnsPage);

    auto *targetPage = new Page;
    targetPage->setTitle(tr("Target"));
    d->database = new QLineEdit(client ? client->settings().database : QString());
    d->database->setObjectName(u"database"_s);
    d->measurement = new QLineEdit;
    d->measurement->setObjectName(u"measurement"_s);
    d->timeFormat = new QLineEdit(u"auto"_s);
    d->timeZone = new QLineEdit(u"UTC"_s);
    d->rejects = new QLineEdit;
    d->rejects->setObjectName(u"rejects"_s);
    d->onError = new QComboBox;
    d->onError->addItems({tr("skip bad rows and report them"), tr("stop at the first bad row")});
    d->preview = new QPlainTextEdit;
    d->preview->setObjectName(u"preview"_s);
    d->preview->setReadOnly(true);
    auto *targetForm = new QFormLayout(targetPage);
    targetForm->addRow(tr("Database"), d->database);
    targetForm->addRow(tr("Measurement"), d->measurement);
    targetForm->addRow(tr("Time format"), d->timeFormat);
    targetForm->addRow(tr("Time zone of naive times"), d->timeZone);
    targetForm->addRow(tr("Rejects file"), d->rejects);
    targetForm->addRow(tr("On a bad row"), d->onError);
    targetForm->addRow(tr("Line protocol"), d->preview);
    targetPage->enter = [this] { d->loadPreview(); };
    targetPage->complete = [this] { return !d->database->text().isEmpty() && !d->measurement->text().isEmpty(); };
    for (QLineEdit *edit : {d->database, d->measurement, d->timeFormat, d->timeZone}) {
        connect(edit, &QLineEdit::textChanged, this, [this, targetPage] {
            d->loadPreview();
            targetPage->changed();
        });
    }
    addPage(targetPage);

    d->runPage = new Page;
    d->runPage->setTitle(tr("Import"));
    d->progress = new QProgressBar;
    d->progress->setRange(0, 1000);
    d->status = new QLabel;
    d->status->setObjectName(u"status"_s);
    d->status->setWordWrap(true);
    d->cancel = new QPushButton(tr("Cancel import"));
    auto *runLayout = new QVBoxLayout(d->runPage);
    runLayout->addWidget(d->progress);
    runLayout->addWidget(d->status);
    runLayout->addWidget(d->cancel);
    d->runPage->setCommitPage(true);
    d->runPage->complete = [this] { return d->finished; };
    d->runPage->enter = [this] {
        CsvImportOptions options;
        options.path = d->path->text();
        options.profile = d->profile();
        options.database = d->database->text();
        options.rejectsPath = d->rejects->text();
        d->job = std::make_unique<CsvImportJob>(d->client, options);
        const qint64 size = QFileInfo(options.path).size();
        connect(d->job.get(), &CsvImportJob::progress, this, [this, size](qint64 rows, qint64 bytes, double rate, double eta) {
            d->progress->setValue(size > 0 ? int(1000 * bytes / size) : 0);
            d->status->setText(tr("%1 rows, %2 rows/s%3").arg(rows).arg(rate, 0, 'f', 0).arg(eta >= 0 ? tr(", %1 s left").arg(eta, 0, 'f', 0) : QString()));
        });
        connect(d->cancel, &QPushButton::clicked, d->job.get(), &CsvImportJob::cancel);
        QCoro::connect(d->job->run(), this, [this](const CsvImportReport &report) {
            d->report = report;
            d->finished = true;
            d->progress->setValue(1000);
            d->cancel->setEnabled(false);
            d->status->setText(report.summary() + (report.rowsRejected && !d->rejects->text().isEmpty() ? tr("\nRejected rows: %1").arg(d->rejects->text()) : QString()));
            d->runPage->changed();
            Q_EMIT importFinished();
        });
    };
    addPage(d->runPage);
}

CsvImportWizard::~CsvImportWizard() = default;

CsvImportProfile CsvImportWizard::profile() const
{
    return d->profile();
}

QString CsvImportWizard::path() const
{
    return d->path->text();
}

QString CsvImportWizard::database() const
{
    return d->database->text();
}

const CsvImportReport &CsvImportWizard::report() const
{
    return d->report;
}

bool CsvImportWizard::isImportFinished() const
{
    return d->finished;
}

void CsvImportWizard::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile())
        event->acceptProposedAction();
}

void CsvImportWizard::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        d->path->setText(urls.first().toLocalFile());
        event->acceptProposedAction();
    }
}

} // namespace QInflux
