#include "querytabwidget.h"

#include "queryeditor.h"
#include "querytab.h"
#include "resultview/resultview.h"

#include <QSettings>
#include <QTabBar>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {
const QString s_tabsKey = u"editor/tabs"_s;
const QString s_currentKey = u"editor/currentTab"_s;
} // namespace

QueryTabWidget::QueryTabWidget(ConnectionSession *session, CompletionModel *completion, QWidget *parent)
    : QTabWidget(parent), m_session(session), m_completion(completion)
{
    setTabsClosable(true);
    setMovable(true);
    setDocumentMode(true);
    m_saveTimer = new QTimer(this);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(500);
    connect(m_saveTimer, &QTimer::timeout, this, &QueryTabWidget::saveTabs);
    connect(this, &QTabWidget::tabCloseRequested, this, &QueryTabWidget::closeTab);
    connect(this, &QTabWidget::currentChanged, this, [this] {
        Q_EMIT currentTabChanged(currentTab());
        m_saveTimer->start();
    });
    connect(tabBar(), &QTabBar::tabMoved, m_saveTimer, qOverload<>(&QTimer::start));
    restoreTabs();
}

QueryTabWidget::~QueryTabWidget()
{
    if (m_saveTimer->isActive())
        saveTabs();
}

QueryTab *QueryTabWidget::currentTab() const
{
    return qobject_cast<QueryTab *>(currentWidget());
}

QueryTab *QueryTabWidget::tab(int index) const
{
    return qobject_cast<QueryTab *>(widget(index));
}

QueryTab *QueryTabWidget::newTab(const QString &text)
{
    auto *tab = new QueryTab(m_session, this);
    QueryEditor *editor = tab->editor();
    editor->setCompletionModel(m_completion);
    editor->setPlainText(text);
    connect(editor, &QueryEditor::runRequested, this, [this, tab](const QString &query) { Q_EMIT runRequested(tab, query); });
    connect(editor, &QPlainTextEdit::textChanged, this, [this, tab] {
        updateTitle(tab);
        m_saveTimer->start();
    });
    connect(tab->results(), &ResultView::runStarted, this, [this, tab] { Q_EMIT runStarted(tab); });
    connect(tab->results(), &ResultView::runFinished, this,
            [this, tab](const QueryRunSummary &summary) { Q_EMIT runFinished(tab, summary); });
    const int index = addTab(tab, QString());
    updateTitle(tab);
    setCurrentIndex(index);
    m_saveTimer->start();
    return tab;
}

void QueryTabWidget::closeTab(int index)
{
    QueryTab *closing = tab(index);
    if (!closing)
        return;
    if (count() == 1)
        newTab();
    closing->cancel();
    removeTab(indexOf(closing));
    closing->deleteLater();
    m_saveTimer->start();
}

void QueryTabWidget::updateTitle(QueryTab *tab)
{
    const int index = indexOf(tab);
    if (index < 0)
        return;
    // The first words of the text, on one line.
    QString title = tab->editor()->toPlainText().simplified();
    if (title.isEmpty())
        title = tr("New query");
    else if (title.size() > 24)
        title = title.left(23) + u'…';
    setTabText(index, title);
    setTabToolTip(index, tab->editor()->toPlainText().left(500));
}

void QueryTabWidget::saveTabs() const
{
    QStringList texts;
    for (int i = 0; i < count(); ++i)
        texts << tab(i)->editor()->toPlainText();
    QSettings settings;
    settings.setValue(s_tabsKey, texts);
    settings.setValue(s_currentKey, currentIndex());
    m_saveTimer->stop();
}

void QueryTabWidget::restoreTabs()
{
    const QSettings settings;
    const QStringList texts = settings.value(s_tabsKey).toStringList();
    for (const QString &text : texts)
        newTab(text);
    if (count() == 0)
        newTab();
    setCurrentIndex(std::clamp(settings.value(s_currentKey, 0).toInt(), 0, count() - 1));
    m_saveTimer->stop(); // nothing changed yet
}

} // namespace QInflux
