#include "databasestab.h"

#include "models/frametablemodel.h"

#include <QBoxLayout>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace QInflux {

DatabasesTab::DatabasesTab(Client *client, QWidget *parent) : AdminTab(client, parent)
{
    m_name = new QLineEdit(this);
    m_name->setObjectName(u"databaseName"_s);
    m_name->setPlaceholderText(tr("New database name"));
    auto *create = addButton(tr("&Create"), u"createDatabaseButton"_s, u"list-add"_s);
    auto *drop = addButton(tr("&Drop..."), u"dropDatabaseButton"_s, u"edit-delete"_s);
    fieldsLayout()->addWidget(m_name);
    connect(m_name, &QLineEdit::returnPressed, create, &QPushButton::click);
    connect(create, &QPushButton::clicked, this, [this] {
        const QString name = m_name->text().trimmed();
        if (name.isEmpty() || !m_client)
            return showMessage(tr("Type the new database's name."), true);
        act(admin().createDatabase(name), tr("Created database %1.").arg(name));
        m_name->clear();
    });
    connect(drop, &QPushButton::clicked, this, [this] {
        const QString name = selected(u"name"_s);
        if (name.isEmpty())
            return showMessage(tr("Select the database to drop."), true);
        confirm(tr("Drop the database \"%1\" and every point in it? This cannot be undone.").arg(name), [this, name] {
            if (m_client)
                act(admin().dropDatabase(name), tr("Dropped database %1.").arg(name));
        });
    });
    connect(this, &AdminTab::loaded, this, [this] { Q_EMIT databasesLoaded(databases()); });
}

QStringList DatabasesTab::databases() const
{
    QStringList names;
    const Frame &frame = model()->frame();
    if (const Column *name = frame.column(u"name")) {
        for (qsizetype row = 0; row < frame.rowCount(); ++row)
            names << name->value(row).toString();
    }
    return names;
}

QCoro::Task<Result<Frame>> DatabasesTab::load()
{
    auto answer = co_await admin().showDatabases();
    if (!answer)
        co_return answer.error();
    co_return answer->frame().value_or(Frame());
}

} // namespace QInflux
