#include "cachesettingsdialog.h"

#include "cachesettings.h"
#include "connections/connectionsession.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <QCoroFuture>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {
constexpr qint64 s_mib = qint64(1) << 20;
}

CacheSettingsDialog::CacheSettingsDialog(ConnectionSession *session, QWidget *parent)
    : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Cache Settings"));
    const QueryCache::Options current = session->cacheOptions();

    m_directory = new QLineEdit(QDir::toNativeSeparators(current.directory), this);
    m_directory->setObjectName(u"cacheDirectory"_s);
    auto *browse = new QToolButton(this);
    browse->setIcon(QIcon::fromTheme(u"folder-open"_s, style()->standardIcon(QStyle::SP_DirOpenIcon)));
    browse->setToolTip(tr("Choose the cache folder"));
    connect(browse, &QToolButton::clicked, this, &CacheSettingsDialog::chooseDirectory);
    auto *directoryRow = new QHBoxLayout;
    directoryRow->addWidget(m_directory, 1);
    directoryRow->addWidget(browse);

    m_sizeLimit = new QSpinBox(this);
    m_sizeLimit->setObjectName(u"cacheSizeLimit"_s);
    m_sizeLimit->setRange(0, 16 * 1024 * 1024); // MiB: up to 16 TiB
    m_sizeLimit->setSuffix(tr(" MiB"));
    m_sizeLimit->setSpecialValueText(tr("no limit"));
    m_sizeLimit->setValue(int(std::min<qint64>(current.maxBytes / s_mib, m_sizeLimit->maximum())));

    m_timeToLive = new QSpinBox(this);
    m_timeToLive->setObjectName(u"cacheTimeToLive"_s);
    m_timeToLive->setRange(0, 10 * 365 * 24 * 60); // minutes
    m_timeToLive->setSuffix(tr(" min"));
    m_timeToLive->setSpecialValueText(tr("never expire"));
    m_timeToLive->setValue(int(std::chrono::duration_cast<std::chrono::minutes>(current.timeToLive).count()));

    auto *form = new QFormLayout;
    auto *directoryLabel = new QLabel(tr("&Location:"), this);
    directoryLabel->setBuddy(m_directory);
    form->addRow(directoryLabel, directoryRow);
    form->addRow(tr("&Size limit:"), m_sizeLimit);
    form->addRow(tr("&Time to live:"), m_timeToLive);

    auto *statsBox = new QGroupBox(tr("Statistics"), this);
    auto *statsForm = new QFormLayout(statsBox);
    for (auto [label, name, title] : {std::tuple{&m_entries, u"cacheEntries"_s, tr("Entries:")},
                                      std::tuple{&m_bytes, u"cacheBytes"_s, tr("Size:")},
                                      std::tuple{&m_hits, u"cacheHits"_s, tr("Hits:")},
                                      std::tuple{&m_misses, u"cacheMisses"_s, tr("Misses:")}}) {
        *label = new QLabel(tr("…"), statsBox);
        (*label)->setObjectName(name);
        (*label)->setTextInteractionFlags(Qt::TextSelectableByMouse);
        statsForm->addRow(title, *label);
    }
    m_refresh = new QPushButton(QIcon::fromTheme(u"view-refresh"_s, style()->standardIcon(QStyle::SP_BrowserReload)),
                                tr("&Refresh"), statsBox);
    m_clearAll = new QPushButton(QIcon::fromTheme(u"edit-clear-all"_s, style()->standardIcon(QStyle::SP_TrashIcon)),
                                 tr("Clear &all"), statsBox);
    m_clearAll->setObjectName(u"clearAllButton"_s);
    m_clearConnection = new QPushButton(tr("Clear this &connection"), statsBox);
    m_clearConnection->setObjectName(u"clearConnectionButton"_s);
    m_clearConnection->setToolTip(tr("Remove the entries of the current server and user only"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addStretch(1);
    buttons->addWidget(m_clearConnection);
    buttons->addWidget(m_clearAll);
    statsForm->addRow(buttons);
    m_message = new QLabel(this);
    m_message->setObjectName(u"cacheMessage"_s);
    m_message->setWordWrap(true);
    statsForm->addRow(m_message);
    connect(m_refresh, &QPushButton::clicked, this, &CacheSettingsDialog::refreshStats);
    connect(m_clearAll, &QPushButton::clicked, this, &CacheSettingsDialog::clearAll);
    connect(m_clearConnection, &QPushButton::clicked, this, &CacheSettingsDialog::clearConnection);

    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Close, this);
    connect(box, &QDialogButtonBox::clicked, this, [this, box](QAbstractButton *button) {
        const auto role = box->standardButton(button);
        if (role == QDialogButtonBox::Close)
            reject();
        else if (apply() && role == QDialogButtonBox::Ok)
            accept();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(statsBox);
    layout->addWidget(box);
    setBusy(false);
    resize(620, sizeHint().height());
    refreshStats();
}

QueryCache::Options CacheSettingsDialog::options() const
{
    QueryCache::Options options = m_session->cacheOptions();
    options.directory = QDir::cleanPath(QDir::fromNativeSeparators(m_directory->text().trimmed()));
    options.maxBytes = qint64(m_sizeLimit->value()) * s_mib;
    options.timeToLive = std::chrono::minutes(m_timeToLive->value());
    return options;
}

bool CacheSettingsDialog::apply()
{
    QueryCache::Options wanted = options();
    if (wanted.directory.isEmpty() || wanted.directory == u"."_s) {
        m_message->setText(tr("Choose a folder for the cache."));
        return false;
    }
    if (!QDir::isAbsolutePath(wanted.directory)) {
        m_message->setText(tr("The cache folder must be an absolute path: %1").arg(wanted.directory));
        return false;
    }
    if (!QDir().mkpath(wanted.directory)) {
        m_message->setText(tr("Cannot create the cache folder %1.").arg(QDir::toNativeSeparators(wanted.directory)));
        return false;
    }
    CacheSettings::save(wanted);
    m_session->setCacheOptions(wanted);
    m_message->setText(tr("Saved; the next query uses these settings."));
    refreshStats();
    return true;
}

void CacheSettingsDialog::refreshStats()
{
    QCoro::connect(statsTask(), this, [] {});
}

void CacheSettingsDialog::clearAll()
{
    QCoro::connect(clearTask({}), this, [] {});
}

void CacheSettingsDialog::clearConnection()
{
    if (Client *client = m_session->client())
        QCoro::connect(clearTask(CacheKey::connectionId(client->settings())), this, [] {});
}

QCoro::Task<> CacheSettingsDialog::statsTask()
{
    QPointer<CacheSettingsDialog> self(this);
    setBusy(true);
    const QueryCache::Options options = m_session->cacheOptions();
    // The future is made outside the co_await: GCC 12 destroys a lambda temporary inside it twice.
    QFuture<CacheStats> future = QtConcurrent::run([options] { return QueryCache(options).stats(); });
    const CacheStats stats = co_await future;
    if (!self)
        co_return;
    setBusy(false);
    const QLocale locale;
    m_entries->setText(locale.toString(stats.entries));
    m_bytes->setText(locale.formattedDataSize(stats.bytes) + u" ("_s + tr("%1 bytes").arg(locale.toString(stats.bytes)) + u')');
    m_hits->setText(locale.toString(stats.hits));
    m_misses->setText(locale.toString(stats.misses));
    Q_EMIT statsUpdated(stats);
}

QCoro::Task<> CacheSettingsDialog::clearTask(QString connectionId)
{
    QPointer<CacheSettingsDialog> self(this);
    setBusy(true);
    const QueryCache::Options options = m_session->cacheOptions();
    QFuture<Result<qint64>> future = QtConcurrent::run([options, connectionId] {
        QueryCache cache(options);
        return connectionId.isEmpty() ? cache.clear() : cache.clearConnection(connectionId);
    });
    const Result<qint64> removed = co_await future;
    if (!self)
        co_return;
    setBusy(false);
    const QString message = removed ? tr("Removed %n entries.", nullptr, int(*removed)) : removed.error().message();
    m_message->setText(message);
    Q_EMIT cleared(message);
    refreshStats();
}

void CacheSettingsDialog::chooseDirectory()
{
    // Non-blocking: the chooser reports through fileSelected.
    auto *chooser = new QFileDialog(this, tr("Cache folder"), m_directory->text());
    chooser->setFileMode(QFileDialog::Directory);
    chooser->setOption(QFileDialog::ShowDirsOnly);
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    connect(chooser, &QFileDialog::fileSelected, this,
            [this](const QString &dir) { m_directory->setText(QDir::toNativeSeparators(dir)); });
    chooser->open();
}

void CacheSettingsDialog::setBusy(bool busy)
{
    m_busy += busy ? 1 : -1;
    m_busy = std::max(m_busy, 0);
    const bool idle = m_busy == 0;
    m_refresh->setEnabled(idle);
    m_clearAll->setEnabled(idle);
    m_clearConnection->setEnabled(idle && m_session->client());
}

} // namespace QInflux
