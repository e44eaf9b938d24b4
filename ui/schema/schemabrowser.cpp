#include "schemabrowser.h"

#include <QInflux/client.h>
#include "connections/connectionsession.h"
#include "schemamodel.h"
#include "schemaqueries.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace QInflux {

SchemaBrowser::SchemaBrowser(QWidget *parent) : QWidget(parent)
{
    m_model = new SchemaModel(this);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(u"schemaFilter"_s);
    m_filter->setPlaceholderText(tr("Filter on the server…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Asks the server for the names that match (a regex sent with SHOW MEASUREMENTS or "
                            "SHOW TAG VALUES): plain text matches anywhere, ignoring case."));
    m_scope = new QComboBox(this);
    m_scope->setObjectName(u"schemaFilterScope"_s);
    m_scope->addItem(tr("Measurements"), int(FilterScope::Measurements));
    m_scope->addItem(tr("Tag values"), int(FilterScope::TagValues));
    m_scope->setToolTip(tr("What the filter applies to"));
    m_regex = new QToolButton(this);
    m_regex->setObjectName(u"schemaFilterRegex"_s);
    m_regex->setText(u".*"_s);
    m_regex->setCheckable(true);
    m_regex->setToolTip(tr("Regular expression (RE2 syntax, as the server reads it)"));
    m_filterProblem = new QLabel(this);
    m_filterProblem->setObjectName(u"schemaFilterProblem"_s);
    m_filterProblem->setWordWrap(true);
    m_filterProblem->hide();

    m_refresh = new QAction(QIcon::fromTheme(u"view-refresh"_s, style()->standardIcon(QStyle::SP_BrowserReload)),
                            tr("&Refresh"), this);
    m_refresh->setObjectName(u"schemaRefresh"_s);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_refresh->setToolTip(tr("Reload the schema from the server (F5)"));
    connect(m_refresh, &QAction::triggered, m_model, qOverload<>(&SchemaModel::reload));
    addAction(m_refresh);
    auto *refreshButton = new QToolButton(this);
    refreshButton->setDefaultAction(m_refresh);
    refreshButton->setAutoRaise(true);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_scope);
    bar->addWidget(m_regex);
    bar->addWidget(refreshButton);

    m_view = new QTreeView(this);
    m_view->setObjectName(u"schemaTree"_s);
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(SchemaModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(SchemaModel::DetailColumn, QHeaderView::ResizeToContents);
    m_copy = new QAction(tr("&Copy Name"), m_view);
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copy, &QAction::triggered, this, [this] { copyName(m_view->currentIndex(), false); });
    m_view->addAction(m_copy);
    connect(m_view, &QTreeView::expanded, m_model, &SchemaModel::load);
    connect(m_view, &QTreeView::activated, this, &SchemaBrowser::onActivated);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = createContextMenu(m_view->indexAt(pos));
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(pos));
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_filterProblem);
    layout->addWidget(m_view, 1);

    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(400);
    connect(m_filterTimer, &QTimer::timeout, this, &SchemaBrowser::applyFilter);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filter, &QLineEdit::returnPressed, this, &SchemaBrowser::applyFilter);
    connect(m_regex, &QToolButton::toggled, this, &SchemaBrowser::applyFilter);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &SchemaBrowser::applyFilter);

    connect(m_model, &SchemaModel::loadFinished, this, [this] {
        if (!m_paths.isEmpty())
            QTimer::singleShot(0, this, &SchemaBrowser::stepPaths);
    });
}

SchemaBrowser::~SchemaBrowser() = default;

void SchemaBrowser::setSession(ConnectionSession *session)
{
    const auto follow = [this, session] {
        setClient(session->client());
    };
    connect(session, &ConnectionSession::changed, this, follow);
    follow();
}

void SchemaBrowser::setClient(Client *client)
{
    m_model->setCurrentDatabase(client ? client->settings().database : QString());
    m_model->setClient(client);
}

void SchemaBrowser::applyFilter()
{
    m_filterTimer->stop();
    auto regex = SchemaQueries::filterRegex(m_filter->text(), m_regex->isChecked());
    m_filterProblem->setVisible(!regex);
    if (!regex) {
        m_filterProblem->setText(regex.error().message());
        return;
    }
    const bool measurements = FilterScope(m_scope->currentData().toInt()) == FilterScope::Measurements;
    m_model->setMeasurementFilter(measurements ? *regex : QString());
    m_model->setTagValueFilter(measurements ? QString() : *regex);
}

void SchemaBrowser::onActivated(const QModelIndex &index)
{
    if (m_model->activate(index))
        return;
    if (m_model->kind(index) == SchemaModel::Kind::Database) {
        const QString database = index.data(SchemaModel::NameRole).toString();
        m_model->setCurrentDatabase(database);
        Q_EMIT useDatabaseRequested(database);
    }
}

void SchemaBrowser::expandPaths(const QList<QStringList> &paths)
{
    m_paths += paths;
    stepPaths();
}

void SchemaBrowser::stepPaths()
{
    const auto fail = [this](const QString &reason) {
        m_paths.clear();
        Q_EMIT pathsExpanded(false, reason);
    };
    while (!m_paths.isEmpty()) {
        const QStringList &path = m_paths.first();
        QModelIndex index; // the root
        for (int i = 0; i <= path.size(); ++i) {
            m_model->load(index);
            if (!m_model->isLoaded(index)) {
                const int rows = m_model->rowCount(index);
                const QModelIndex last = m_model->index(rows - 1, 0, index);
                if (rows > 0 && m_model->kind(last) == SchemaModel::Kind::Error)
                    return fail(last.data().toString());
                if (!m_model->client())
                    return fail(tr("Not connected"));
                return; // loading: loadFinished() comes back here
            }
            if (i == path.size())
                break;
            const QModelIndex child = m_model->child(index, path[i]);
            if (!child.isValid())
                return fail(tr("No \"%1\" in %2").arg(path[i], path.mid(0, i).join(u'/')));
            m_view->expand(child);
            index = child;
        }
        m_view->scrollTo(index);
        m_paths.removeFirst();
    }
    Q_EMIT pathsExpanded(true, {});
}

void SchemaBrowser::insertStatement(QPlainTextEdit *editor, const QString &statement)
{
    QTextCursor cursor(editor->document());
    cursor.beginEditBlock();
    cursor.movePosition(QTextCursor::End);
    const QString text = editor->toPlainText();
    if (!text.isEmpty() && !text.endsWith(u'\n'))
        cursor.insertText(u"\n"_s);
    const int start = cursor.position();
    cursor.insertText(statement);
    cursor.endEditBlock();
    cursor.setPosition(start);
    cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    editor->setTextCursor(cursor);
    editor->ensureCursorVisible();
}

} // namespace QInflux
