#include "csvimportwizard.h"

#include <QInflux/client.h>
#include <QInflux/influxql.h>
#include "csvframebuilder_p.h"
#include <QInflux/csvimportjob.h>
#include <QInflux/csvreader.h>
#include <QInflux/timestamp.h>
#include <QInflux/resultwriter.h>
#include <QInflux/lineprotocol.h>

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

enum ColumnsTableColumn { NameColumn, RoleColumn, TypeColumn };
constexpr int previewRows = 20;
const QList<TimeUnit> s_precisions = {TimeUnit::Nanoseconds, TimeUnit::Microseconds, TimeUnit::Milliseconds, TimeUnit::Seconds};

/// "k=v, k2=v2" -> tags; nullopt and `*problem` when an entry is not KEY=VALUE.
std::optional<Tags> parseExtraTags(const QString &text, QString *problem)
{
    Tags tags;
    for (const QString &entry : text.split(u',', Qt::SkipEmptyParts)) {
        const QString item = entry.trimmed();
        const qsizetype eq = item.indexOf(u'=');
        if (eq <= 0 || eq == item.size() - 1) {
            *problem = QCoreApplication::translate("CsvImportWizard", "\"%1\" is not KEY=VALUE").arg(item);
            return std::nullopt;
        }
        tags.append(std::pair<QString, QString>(item.left(eq), item.mid(eq + 1)));
    }
    return tags;
}

/// The "name" column of a SHOW DATABASES / SHOW RETENTION POLICIES answer.
QStringList namesIn(const QueryResult &result)
{
    QStringList names;
    if (result.statements.isEmpty() || result.statements[0].series.isEmpty())
        return names;
    const Frame &frame = result.statements[0].series[0];
    if (const Column *name = frame.column(u"name"_s)) {
        for (qsizetype i = 0; i < frame.rowCount(); ++i)
            names.append(name->value(i).toString());
    }
    return names;
}
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
    QTableWidget *rawPreview = nullptr;
    QTableWidget *columns = nullptr;
    QTableWidget *parsedPreview = nullptr;
    QComboBox *database = nullptr;
    QCheckBox *createDatabase = nullptr;
    QComboBox *retentionPolicy = nullptr;
    QComboBox *precision = nullptr;
    QLineEdit *extraTags = nullptr;
    QLabel *extraTagsProblem = nullptr;
    QStringList knownDatabases;
    bool databasesKnown = false;
    QLineEdit *measurement = nullptr;
    QLineEdit *timeFormat = nullptr;
    QLineEdit *timeZone = nullptr;
    QLineEdit *rejects = nullptr;
    QComboBox *onError = nullptr;
    QPlainTextEdit *preview = nullptr;
    QProgressBar *progress = nullptr;
    QLabel *status = nullptr;
    QPushButton *cancel = nullptr;
    QPushButton *openQuery = nullptr;
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
        p.precision = s_precisions.value(precision->currentIndex(), TimeUnit::Nanoseconds);
        QString problem;
        p.extraTags = parseExtraTags(extraTags->text(), &problem).value_or(Tags());
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
        rawPreview->clear();
        rawPreview->setRowCount(0);
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
        }
        fillTable(rawPreview, names, rows);
        if (!schema)
            detected->setText(detected->text() + u"\n"_s + why);
    }

    /// The first rows as text, under the file's column names.
    static void fillTable(QTableWidget *table, const QStringList &names, const std::vector<std::vector<std::string>> &rows)
    {
        table->clear();
        table->setColumnCount(int(names.size()));
        table->setHorizontalHeaderLabels(names);
        table->setRowCount(int(std::min<size_t>(rows.size(), previewRows)));
        for (int r = 0; r < table->rowCount(); ++r) {
            for (int c = 0; c < names.size(); ++c)
                table->setItem(r, c, new QTableWidgetItem(QString::fromStdString(rows[size_t(r)][size_t(c)])));
        }
        table->resizeColumnsToContents();
    }

    /// The first rows converted with the columns' roles and types: a row that would be rejected
    /// is marked, its bad cell highlighted, and the reason shown.
    void loadParsedPreview()
    {
        QStringList names;
        std::vector<std::vector<std::string>> rows;
        QString error;
        CsvDialect used;
        if (!sample(&names, &rows, &error, &used))
            return;
        fillTable(parsedPreview, names + QStringList{CsvImportWizard::tr("Problem")}, {});
        CsvImportProfile p = profile();
        if (p.measurement.isEmpty() && p.measurementColumn.isEmpty())
            p.measurement = u"preview"_s; // chosen on the next page; the rows convert the same
        const auto schema = CsvSchema::resolve(p, names, rows, &error);
        parsedPreview->setRowCount(int(std::min<size_t>(rows.size(), previewRows)));
        std::optional<CsvFrameBuilder> builder;
        if (schema)
            builder.emplace(*schema, p, names.size());
        const QColor bad = QColor::fromRgbF(0.9f, 0.1f, 0.1f, 0.35f); // reads on light and dark bases
        std::vector<QString> reasons;
        CsvRecord record;
        for (int r = 0; r < parsedPreview->rowCount(); ++r) {
            QString reason = schema ? QString() : error;
            if (builder) {
                record.fields.assign(rows[size_t(r)].begin(), rows[size_t(r)].end());
                record.line = r + 1;
                builder->add(record, &reason);
            }
            reasons.push_back(reason);
        }
        // Rows that convert show their converted values (one measurement: its rows in file order).
        std::vector<CsvFrameBuilder::Table> tables;
        if (builder)
            tables = builder->take();
        const Frame *converted = tables.size() == 1 ? &tables.front().frame : nullptr;
        qsizetype good = 0;
        for (int r = 0; r < parsedPreview->rowCount(); ++r) {
            const QString &reason = reasons[size_t(r)];
            const bool rowOk = reason.isEmpty();
            for (int c = 0; c < names.size(); ++c) {
                QString text = QString::fromStdString(rows[size_t(r)][size_t(c)]);
                if (rowOk && converted && schema) {
                    const CsvSchema::Role role = schema->columns()[size_t(c)].role;
                    if (role == CsvSchema::Role::Time && converted->hasTime())
                        text = Timestamp::toRfc3339(converted->time()[size_t(good)]);
                    else if (const Column *column = converted->column(names[c]); column && role != CsvSchema::Role::Ignore)
                        text = column->isNull(good) ? CsvImportWizard::tr("(null)") : ResultWriter::formatCell(*column, good);
                    else if (role == CsvSchema::Role::Ignore)
                        text = CsvImportWizard::tr("(ignored)");
                }
                auto *item = new QTableWidgetItem(text);
                if (!rowOk && reason.startsWith(u"column "_s + names[c] + u':')) {
                    item->setBackground(bad);
                    item->setToolTip(reason);
                }
                parsedPreview->setItem(r, c, item);
            }
            auto *problem = new QTableWidgetItem(rowOk ? CsvImportWizard::tr("ok") : reason);
            if (!rowOk)
                problem->setBackground(bad);
            problem->setToolTip(problem->text());
            parsedPreview->setItem(r, int(names.size()), problem);
            if (rowOk)
                ++good;
        }
        parsedPreview->resizeColumnsToContents();
    }

    /// The databases on the server (for the chooser and the create offer).
    QCoro::Task<> loadDatabases(QPointer<CsvImportWizard> wizard)
    {
        if (!client)
            co_return;
        auto listed = co_await client->showDatabases();
        if (!wizard || !listed || listed->firstError())
            co_return;
        knownDatabases = namesIn(*listed);
        databasesKnown = true;
        const QString current = database->currentText();
        const QSignalBlocker blocker(database);
        database->clear();
        database->addItems(knownDatabases);
        database->setCurrentText(current);
        updateCreateOffer();
    }

    QCoro::Task<> loadRetentionPolicies(QPointer<CsvImportWizard> wizard, QString db)
    {
        if (!client || !knownDatabases.contains(db))
            co_return;
        auto listed = co_await client->showRetentionPolicies(db);
        if (!wizard || database->currentText() != db || !listed || listed->firstError())
            co_return;
        const QString current = retentionPolicy->currentText();
        retentionPolicy->clear();
        retentionPolicy->addItem(QString()); // the database's default
        retentionPolicy->addItems(namesIn(*listed));
        retentionPolicy->setCurrentText(current);
    }

    void updateCreateOffer()
    {
        const QString db = database->currentText().trimmed();
        const bool missing = databasesKnown && !db.isEmpty() && !knownDatabases.contains(db);
        createDatabase->setText(CsvImportWizard::tr("Create the database \"%1\" (it does not exist yet)").arg(db));
        createDatabase->setVisible(missing);
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

    auto *dialectPage = new Page;
    dialectPage->setTitle(tr("Dialect"));
    dialectPage->setSubTitle(tr("How the file is written: detected from its first lines; change what is wrong."));
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
    d->rawPreview = new QTableWidget;
    d->rawPreview->setObjectName(u"rawPreview"_s);
    d->rawPreview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *dialectLayout = new QVBoxLayout(dialectPage);
    dialectLayout->addLayout(dialectForm);
    dialectLayout->addWidget(d->detected);
    dialectLayout->addWidget(d->rawPreview, 1);
    dialectPage->enter = [this] { d->loadColumns(); };
    dialectPage->complete = [this] { return d->columns->rowCount() > 0; };
    for (QComboBox *box : {d->delimiter, d->encoding})
        connect(box, &QComboBox::currentIndexChanged, this, [this, dialectPage] { d->loadColumns(); dialectPage->changed(); });
    connect(d->header, &QCheckBox::toggled, this, [this, dialectPage] { d->loadColumns(); dialectPage->changed(); });
    connect(d->skipLines, &QSpinBox::valueChanged, this, [this, dialectPage] { d->loadColumns(); dialectPage->changed(); });
    connect(d->decimalComma, &QCheckBox::toggled, this, [this] { d->loadColumns(); });
    addPage(dialectPage);

    auto *columnsPage = new Page;
    columnsPage->setTitle(tr("Columns"));
    columnsPage->setSubTitle(tr("The role and type of every column; the rows below show how the first rows convert."));
    d->columns = new QTableWidget(0, 3);
    d->columns->setObjectName(u"columns"_s);
    d->columns->setHorizontalHeaderLabels({tr("Column"), tr("Role"), tr("Type")});
    d->columns->horizontalHeader()->setStretchLastSection(true);
    d->parsedPreview = new QTableWidget;
    d->parsedPreview->setObjectName(u"parsedPreview"_s);
    d->parsedPreview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    d->parsedPreview->horizontalHeader()->setStretchLastSection(true);
    auto *columnsLayout = new QVBoxLayout(columnsPage);
    columnsLayout->addWidget(d->columns, 1);
    columnsLayout->addWidget(new QLabel(tr("Converted preview (rows that would be rejected are marked):")));
    columnsLayout->addWidget(d->parsedPreview, 1);
    columnsPage->enter = [this] { d->loadParsedPreview(); };
    columnsPage->complete = [this] { return d->columns->rowCount() > 0; };
    addPage(columnsPage);

    auto *targetPage = new Page;
    targetPage->setTitle(tr("Target"));
    auto *connectionLabel = new QLabel(client ? client->settings().baseUrl().toString() : tr("(no connection)"));
    d->database = new QComboBox;
    d->database->setEditable(true);
    d->database->setObjectName(u"databaseChooser"_s);
    d->database->lineEdit()->setObjectName(u"database"_s);
    d->database->setCurrentText(client ? client->settings().database : QString());
    d->createDatabase = new QCheckBox;
    d->createDatabase->setObjectName(u"createDatabase"_s);
    d->createDatabase->setChecked(true);
    d->createDatabase->setVisible(false);
    d->retentionPolicy = new QComboBox;
    d->retentionPolicy->setEditable(true);
    d->retentionPolicy->setObjectName(u"retentionPolicy"_s);
    d->retentionPolicy->lineEdit()->setPlaceholderText(tr("the database's default"));
    d->measurement = new QLineEdit;
    d->measurement->setObjectName(u"measurement"_s);
    d->precision = new QComboBox;
    d->precision->setObjectName(u"precision"_s);
    d->precision->addItems({tr("nanoseconds"), tr("microseconds"), tr("milliseconds"), tr("seconds")});
    d->extraTags = new QLineEdit;
    d->extraTags->setObjectName(u"extraTags"_s);
    d->extraTags->setPlaceholderText(tr("source=import, site=lab"));
    d->extraTagsProblem = new QLabel;
    d->extraTagsProblem->setVisible(false);
    d->timeFormat = new QLineEdit(u"auto"_s);
    d->timeZone = new QLineEdit(u"UTC"_s);
    d->rejects = new QLineEdit;
    d->rejects->setObjectName(u"rejects"_s);
    d->onError = new QComboBox;
    d->onError->addItems({tr("skip bad rows and report them"), tr("stop at the first bad row")});
    auto *targetForm = new QFormLayout(targetPage);
    targetForm->addRow(tr("Connection"), connectionLabel);
    targetForm->addRow(tr("Database"), d->database);
    targetForm->addRow(QString(), d->createDatabase);
    targetForm->addRow(tr("Retention policy"), d->retentionPolicy);
    targetForm->addRow(tr("Measurement"), d->measurement);
    targetForm->addRow(tr("Precision"), d->precision);
    targetForm->addRow(tr("Extra tags"), d->extraTags);
    targetForm->addRow(QString(), d->extraTagsProblem);
    targetForm->addRow(tr("Time format"), d->timeFormat);
    targetForm->addRow(tr("Time zone of naive times"), d->timeZone);
    targetForm->addRow(tr("Rejects file"), d->rejects);
    targetForm->addRow(tr("On a bad row"), d->onError);
    targetPage->enter = [this] { QCoro::connect(d->loadDatabases(this), this, [] {}); };
    targetPage->complete = [this] {
        QString problem;
        const bool tagsOk = parseExtraTags(d->extraTags->text(), &problem).has_value();
        d->extraTagsProblem->setText(problem);
        d->extraTagsProblem->setVisible(!tagsOk);
        return !d->database->currentText().trimmed().isEmpty() && !d->measurement->text().trimmed().isEmpty() && tagsOk;
    };
    connect(d->database, &QComboBox::currentTextChanged, this, [this, targetPage](const QString &db) {
        d->updateCreateOffer();
        QCoro::connect(d->loadRetentionPolicies(this, db), this, [] {});
        targetPage->changed();
    });
    for (QLineEdit *edit : {d->measurement, d->extraTags})
        connect(edit, &QLineEdit::textChanged, targetPage, [targetPage] { targetPage->changed(); });
    addPage(targetPage);

    auto *reviewPage = new Page;
    reviewPage->setTitle(tr("Review"));
    reviewPage->setSubTitle(tr("The first lines of line protocol the import will write."));
    d->preview = new QPlainTextEdit;
    d->preview->setObjectName(u"preview"_s);
    d->preview->setReadOnly(true);
    d->preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *reviewLayout = new QVBoxLayout(reviewPage);
    reviewLayout->addWidget(d->preview);
    reviewPage->enter = [this] { d->loadPreview(); };
    addPage(reviewPage);

    d->runPage = new Page;
    d->runPage->setTitle(tr("Import"));
    d->progress = new QProgressBar;
    d->progress->setRange(0, 1000);
    d->status = new QLabel;
    d->status->setObjectName(u"status"_s);
    d->status->setWordWrap(true);
    d->status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    d->cancel = new QPushButton(tr("Cancel import"));
    d->openQuery = new QPushButton(tr("Open a query of the imported data"));
    d->openQuery->setObjectName(u"openQuery"_s);
    d->openQuery->setEnabled(false);
    auto *runLayout = new QVBoxLayout(d->runPage);
    runLayout->addWidget(d->progress);
    runLayout->addWidget(d->status);
    auto *runButtons = new QHBoxLayout;
    runButtons->addWidget(d->cancel);
    runButtons->addWidget(d->openQuery);
    runButtons->addStretch(1);
    runLayout->addLayout(runButtons);
    runLayout->addStretch(1);
    d->runPage->setCommitPage(true);
    d->runPage->complete = [this] { return d->finished; };
    d->runPage->enter = [this] { QCoro::connect(runImport(), this, [] {}); };
    connect(d->openQuery, &QPushButton::clicked, this, [this] { Q_EMIT openQueryRequested(importedDataQuery(), database()); });
    addPage(d->runPage);
}

QCoro::Task<> CsvImportWizard::runImport()
{
    QPointer<CsvImportWizard> self(this);
    const QString db = d->database->currentText().trimmed();
    if (!d->createDatabase->isHidden() && d->createDatabase->isChecked()) { // (the page is not shown now)
        d->status->setText(tr("Creating the database %1…").arg(db));
        auto created = co_await d->client->createDatabase(db);
        if (!self)
            co_return;
        if (!created) {
            d->status->setText(tr("The database could not be created: %1").arg(created.error().message()));
            d->report = CsvImportReport();
            d->report.error = created.error();
            d->finished = true;
            d->cancel->setEnabled(false);
            d->runPage->changed();
            Q_EMIT importFinished();
            co_return;
        }
    }
    CsvImportOptions options;
    options.path = d->path->text();
    options.profile = d->profile();
    options.database = db;
    options.retentionPolicy = d->retentionPolicy->currentText().trimmed();
    options.rejectsPath = d->rejects->text();
    d->job = std::make_unique<CsvImportJob>(d->client, options);
    const qint64 size = QFileInfo(options.path).size();
    connect(d->job.get(), &CsvImportJob::progress, this, [this, size](qint64 rows, qint64 bytes, double rate, double eta) {
        d->progress->setValue(size > 0 ? int(1000 * bytes / size) : 0);
        d->status->setText(tr("%1 rows, %2 rows/s%3").arg(rows).arg(rate, 0, 'f', 0).arg(eta >= 0 ? tr(", %1 s left").arg(eta, 0, 'f', 0) : QString()));
    });
    connect(d->cancel, &QPushButton::clicked, d->job.get(), &CsvImportJob::cancel);
    const CsvImportReport report = co_await d->job->run();
    if (!self)
        co_return;
    d->report = report;
    d->finished = true;
    d->progress->setValue(1000);
    d->cancel->setEnabled(false);
    d->openQuery->setEnabled(report.pointsWritten > 0);
    d->status->setText(report.summary() + (report.rowsRejected && !d->rejects->text().isEmpty() ? tr("\nRejected rows: %1").arg(d->rejects->text()) : QString()));
    d->runPage->changed();
    Q_EMIT importFinished();
}

QString CsvImportWizard::importedDataQuery() const
{
    const QString rp = d->retentionPolicy->currentText().trimmed();
    const QString from = InfluxQL::quoteIdentifier(database()) + u'.' + (rp.isEmpty() ? QString() : InfluxQL::quoteIdentifier(rp)) + u'.'
        + InfluxQL::quoteIdentifier(d->measurement->text().trimmed());
    return u"SELECT * FROM %1 ORDER BY time DESC LIMIT 1000"_s.arg(from);
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
    return d->database->currentText().trimmed();
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
