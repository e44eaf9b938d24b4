#include "retentionpoliciestab.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QFormLayout>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace QInflux {

RetentionPoliciesTab::RetentionPoliciesTab(Client *client, QWidget *parent) : AdminTab(client, parent)
{
    addDatabaseChooser();
    m_name = new QLineEdit(this);
    m_name->setObjectName(u"policyName"_s);
    m_duration = new QLineEdit(this);
    m_duration->setObjectName(u"policyDuration"_s);
    m_duration->setPlaceholderText(tr("e.g. 30d, 1h30m, INF"));
    m_shardDuration = new QLineEdit(this);
    m_shardDuration->setObjectName(u"policyShardDuration"_s);
    m_shardDuration->setPlaceholderText(tr("empty = the server's choice"));
    m_replication = new QSpinBox(this);
    m_replication->setObjectName(u"policyReplication"_s);
    m_replication->setRange(1, 99);
    m_default = new QCheckBox(tr("De&fault policy of the database"), this);
    m_default->setObjectName(u"policyDefault"_s);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("D&uration:"), m_duration);
    form->addRow(tr("&Shard duration:"), m_shardDuration);
    form->addRow(tr("Re&plication:"), m_replication);
    form->addRow(QString(), m_default);
    fieldsLayout()->addLayout(form);

    auto *create = addButton(tr("&Create"), u"createPolicyButton"_s, u"list-add"_s);
    auto *alter = addButton(tr("&Alter"), u"alterPolicyButton"_s, u"document-edit"_s);
    auto *drop = addButton(tr("&Drop..."), u"dropPolicyButton"_s, u"edit-delete"_s);
    connect(create, &QPushButton::clicked, this, [this] {
        if (m_client)
            act(admin().createRetentionPolicy(spec()), tr("Created retention policy %1.").arg(m_name->text()));
    });
    connect(alter, &QPushButton::clicked, this, [this] {
        if (m_client)
            act(admin().alterRetentionPolicy(spec()), tr("Altered retention policy %1.").arg(m_name->text()));
    });
    connect(drop, &QPushButton::clicked, this, [this] {
        const QString name = selected(u"name"_s);
        if (name.isEmpty())
            return showMessage(tr("Select the retention policy to drop."), true);
        const QString db = database();
        confirm(tr("Drop the retention policy \"%1\" of %2 and its data?").arg(name, db), [this, name, db] {
            if (m_client)
                act(admin().dropRetentionPolicy(name, db), tr("Dropped retention policy %1.").arg(name));
        });
    });
    connect(view()->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (selected(u"name"_s).isEmpty())
            return;
        m_name->setText(selected(u"name"_s));
        m_duration->setText(selected(u"duration"_s));
        m_shardDuration->setText(selected(u"shardGroupDuration"_s));
        m_replication->setValue(selected(u"replicaN"_s).toInt());
        m_default->setChecked(selected(u"default"_s) == u"true");
    });
}

RetentionPolicySpec RetentionPoliciesTab::spec() const
{
    RetentionPolicySpec policy;
    policy.name = m_name->text().trimmed();
    policy.database = database();
    policy.duration = m_duration->text().trimmed();
    policy.shardDuration = m_shardDuration->text().trimmed();
    policy.replication = m_replication->value();
    policy.makeDefault = m_default->isChecked();
    return policy;
}

QCoro::Task<Result<Frame>> RetentionPoliciesTab::load()
{
    if (database().isEmpty())
        co_return Frame();
    auto answer = co_await admin().showRetentionPolicies(database());
    if (!answer)
        co_return answer.error();
    if (auto error = answer->firstError())
        co_return *error;
    co_return answer->frame().value_or(Frame());
}

} // namespace QInflux
