#pragma once

#include "admintab.h"

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace QInflux {

/// Retention policies of the chosen database: name, duration, shard duration, replication, default;
/// create, alter (the fields' values; an empty duration keeps it) and drop after confirmation.
/// Selecting a policy fills the fields.
class RetentionPoliciesTab : public AdminTab
{
    Q_OBJECT
public:
    explicit RetentionPoliciesTab(Client *client, QWidget *parent = nullptr);

protected:
    QCoro::Task<Result<Frame>> load() override;

private:
    RetentionPolicySpec spec() const;

    QLineEdit *m_name = nullptr;
    QLineEdit *m_duration = nullptr;
    QLineEdit *m_shardDuration = nullptr;
    QSpinBox *m_replication = nullptr;
    QCheckBox *m_default = nullptr;
};

} // namespace QInflux
