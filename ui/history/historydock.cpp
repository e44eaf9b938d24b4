#include "historydock.h"

#include "queryhistory.h"
#include "savedqueries.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace QInflux {

HistoryDock::HistoryDock(QueryHistory *history, SavedQueries *saved, QWidget *parent)
    : QDockWidget(tr("History"), parent), m_history(history), m_saved(saved)
{
    setObjectName(u"historyDock"_s);
    auto *content = new QWidget(this);

    m_filter = new QLineEdit(content);
    m_filter->setObjectName(u"historyFilter"_s);
    m_filter->setPlaceholderText(tr("Search queries…"));
    m_filter->setClearButtonEnabled(true);

    m_historyFilter = new QSortFilterProxyModel(this);
    m_historyFilter->setSourceModel(history);
    m_historyFilter->setFilterKeyColumn(QueryHistory::QueryColumn);
    m_historyFilter->setFilterRole(QueryHistory::TemplateRole);
    m_historyFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_historyView = new QTreeView(content);
    m_historyView->setObjectName(u"historyView"_s);
    m_historyView->setModel(m_historyFilter);
    m_historyView->setRootIsDecorated(false);
    m_historyView->setUniformRowHeights(true);
    m_historyView->setAlternatingRowColors(true);
    m_historyView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_historyView->header()->setStretchLastSection(false);
    m_historyView->header()->setSectionResizeMode(QueryHistory::QueryColumn, QHeaderView::Stretch);
    for (int c : {int(QueryHistory::TimeColumn), int(QueryHistory::DurationColumn), int(QueryHistory::RowsColumn),
                  int(QueryHistory::ResultColumn)})
        m_historyView->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);

    m_savedFilter = new QSortFilterProxyModel(this);
    m_savedFilter->setSourceModel(saved);
    m_savedFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_savedFilter->setFilterRole(Qt::DisplayRole);
    m_savedView = new QListView(content);
    m_savedView->setObjectName(u"savedView"_s);
    m_savedView->setModel(m_savedFilter);
    m_savedView->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);

    auto *saveButton = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save current…"), content);
    saveButton->setObjectName(u"saveQueryButton"_s);
    auto *renameButton = new QPushButton(tr("&Rename"), content);
    renameButton->setObjectName(u"renameQueryButton"_s);
    auto *deleteButton = new QPushButton(style()->standardIcon(QStyle::SP_TrashIcon), tr("&Delete"), content);
    deleteButton->setObjectName(u"deleteQueryButton"_s);
    auto *savedPage = new QWidget(content);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(saveButton);
    buttons->addWidget(renameButton);
    buttons->addWidget(deleteButton);
    buttons->addStretch(1);
    auto *savedLayout = new QVBoxLayout(savedPage);
    savedLayout->setContentsMargins(0, 0, 0, 0);
    savedLayout->addWidget(m_savedView, 1);
    savedLayout->addLayout(buttons);

    m_pages = new QTabWidget(content);
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_historyView, tr("History"));
    m_pages->addTab(savedPage, tr("Saved"));
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_pages, 1);
    setWidget(content);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_historyFilter->setFilterFixedString(text);
        // Saved queries match on their name or their text.
        m_savedFilter->setFilterRole(text.isEmpty() ? int(Qt::DisplayRole) : int(SavedQueries::TextRole));
        m_savedFilter->setFilterFixedString(text);
    });
    connect(m_historyView, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { Q_EMIT queryChosen(index.data(QueryHistory::TemplateRole).toString()); });
    connect(m_savedView, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { Q_EMIT queryChosen(index.data(SavedQueries::TextRole).toString()); });
    connect(saveButton, &QPushButton::clicked, this, &HistoryDock::saveCurrentQuery);
    connect(renameButton, &QPushButton::clicked, this, &HistoryDock::renameSelected);
    connect(deleteButton, &QPushButton::clicked, this, &HistoryDock::deleteSelected);
    const auto updateButtons = [this, renameButton, deleteButton] {
        const bool selected = selectedSavedRow() >= 0;
        renameButton->setEnabled(selected);
        deleteButton->setEnabled(selected);
    };
    connect(m_savedView->selectionModel(), &QItemSelectionModel::selectionChanged, this, updateButtons);
    connect(m_savedFilter, &QAbstractItemModel::modelReset, this, updateButtons);
    connect(m_savedFilter, &QAbstractItemModel::rowsRemoved, this, updateButtons);
    updateButtons();
}

int HistoryDock::selectedSavedRow() const
{
    const QModelIndexList rows = m_savedView->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : m_savedFilter->mapToSource(rows.first()).row();
}

void HistoryDock::saveCurrentQuery()
{
    const QString text = m_currentQuery ? m_currentQuery() : QString();
    if (text.trimmed().isEmpty())
        return;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"saveQueryDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Save Query"));
    dialog->setLabelText(tr("Name (an existing name replaces that query):"));
    const int row = selectedSavedRow();
    if (row >= 0)
        dialog->setTextValue(m_saved->name(row));
    connect(dialog, &QInputDialog::textValueSelected, this, [this, text](const QString &name) {
        const int saved = m_saved->save(name, text);
        if (saved >= 0) {
            m_pages->setCurrentIndex(1);
            m_savedView->setCurrentIndex(m_savedFilter->mapFromSource(m_saved->index(saved)));
        }
    });
    dialog->open();
}

void HistoryDock::renameSelected()
{
    const QModelIndexList rows = m_savedView->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        m_savedView->edit(rows.first());
}

void HistoryDock::deleteSelected()
{
    const int row = selectedSavedRow();
    if (row < 0)
        return;
    const QString name = m_saved->name(row);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete Saved Query"),
                                tr("Delete the saved query \"%1\"?").arg(name), QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(u"deleteQueryBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, name](QAbstractButton *button) {
        // Find it again by name: the list may have changed while the box was open.
        if (box->standardButton(button) == QMessageBox::Yes)
            m_saved->remove(m_saved->find(name));
    });
    box->open();
}

} // namespace QInflux
