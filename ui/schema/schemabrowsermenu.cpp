// SchemaBrowser's context menu and the actions behind it: templates and SHOW queries for the editor,
// copying quoted names, dropping with a (non-blocking) confirmation.

#include "schemabrowser.h"

#include <QInflux/client.h>
#include <QInflux/influxql.h>
#include "schemamodel.h"
#include "schemaqueries.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace QInflux {

QMenu *SchemaBrowser::createContextMenu(const QModelIndex &index)
{
    using Kind = SchemaModel::Kind;
    auto *menu = new QMenu(this);
    const auto add = [menu](const QString &name, const QString &text, auto &&slot) {
        QAction *action = menu->addAction(text);
        action->setObjectName(name);
        QObject::connect(action, &QAction::triggered, menu, slot);
        return action;
    };
    const QString db = index.data(SchemaModel::DatabaseRole).toString();
    const QString rp = index.data(SchemaModel::RetentionPolicyRole).toString();
    const QString m = index.data(SchemaModel::MeasurementRole).toString();
    const QString name = index.data(SchemaModel::NameRole).toString();
    const QPersistentModelIndex persistent(index);
    const auto insert = [this](const QString &statement, bool run) {
        return [this, statement, run] { Q_EMIT insertRequested(statement, run); };
    };
    const Kind kind = index.isValid() ? m_model->kind(index) : Kind::Loading;

    switch (kind) {
    case Kind::Database:
        add(u"useDatabase"_s, tr("&Use Database"), [this, name] {
            m_model->setCurrentDatabase(name);
            Q_EMIT useDatabaseRequested(name);
        });
        menu->addSeparator();
        add(u"showMeasurementCardinality"_s, tr("SHOW MEASUREMENT CARDINALITY"),
            insert(SchemaQueries::showMeasurementCardinality(db), true));
        add(u"showSeriesCardinality"_s, tr("SHOW SERIES CARDINALITY"), insert(SchemaQueries::showSeriesCardinality(db), true));
        break;
    case Kind::Measurement:
        add(u"selectTemplate"_s, tr("&SELECT Template"), insert(SchemaQueries::selectTemplate(db, rp, m), false));
        menu->addSeparator();
        add(u"showFieldKeys"_s, tr("SHOW FIELD KEYS"), insert(SchemaQueries::showFieldKeys(db, rp, m), true));
        add(u"showTagKeys"_s, tr("SHOW TAG KEYS"), insert(SchemaQueries::showTagKeys(db, rp, m), true));
        add(u"showSeries"_s, tr("SHOW SERIES"), insert(SchemaQueries::showSeries(db, rp, m), true));
        add(u"showSeriesCardinality"_s, tr("SHOW SERIES CARDINALITY"),
            insert(SchemaQueries::showSeriesCardinality(db, rp, m), true));
        break;
    case Kind::Field:
        add(u"selectTemplate"_s, tr("&SELECT Template"), insert(SchemaQueries::selectTemplate(db, rp, m, name), false));
        break;
    case Kind::TagKey:
        add(u"showTagValues"_s, tr("SHOW TAG VALUES"), insert(SchemaQueries::showTagValues(db, rp, m, name), true));
        add(u"showTagValuesCardinality"_s, tr("SHOW TAG VALUES CARDINALITY"),
            insert(SchemaQueries::showTagValuesCardinality(db, rp, m, name), true));
        break;
    case Kind::TagValue: {
        const QString key = index.data(SchemaModel::TagKeyRole).toString();
        add(u"selectTemplate"_s, tr("&SELECT Template"), insert(SchemaQueries::selectTemplate(db, rp, m, {}, key, name), false));
        break;
    }
    case Kind::Error:
        add(u"retry"_s, tr("&Retry"), [this, persistent] { m_model->activate(persistent); });
        break;
    case Kind::More:
        add(u"loadMore"_s, tr("Load &More"), [this, persistent] { m_model->activate(persistent); });
        break;
    default:
        break;
    }

    const bool named = kind == Kind::Database || kind == Kind::RetentionPolicy || kind == Kind::Measurement
                       || kind == Kind::Field || kind == Kind::TagKey || kind == Kind::TagValue;
    if (named) {
        menu->addSeparator();
        QAction *copy = add(u"copyName"_s, tr("&Copy Name"), [this, persistent] { copyName(persistent, false); });
        copy->setIcon(QIcon::fromTheme(u"edit-copy"_s));
        if (kind == Kind::Measurement)
            add(u"copyQualifiedName"_s, tr("Copy &Qualified Name"), [this, persistent] { copyName(persistent, true); });
    }
    if (kind == Kind::Measurement || kind == Kind::Database) {
        menu->addSeparator();
        QAction *drop = add(kind == Kind::Measurement ? u"dropMeasurement"_s : u"dropDatabase"_s,
                            kind == Kind::Measurement ? tr("&Drop Measurement…") : tr("&Drop Database…"),
                            [this, persistent] { confirmDrop(persistent); });
        drop->setIcon(QIcon::fromTheme(u"edit-delete"_s, style()->standardIcon(QStyle::SP_TrashIcon)));
    }
    menu->addSeparator();
    QAction *refresh = add(u"refresh"_s, tr("&Refresh"), [this, persistent] {
        if (persistent.isValid())
            m_model->reload(persistent);
        else
            m_model->reload();
    });
    refresh->setIcon(m_refresh->icon());
    refresh->setEnabled(m_model->client() != nullptr);
    return menu;
}

void SchemaBrowser::copyName(const QModelIndex &index, bool qualified)
{
    if (!index.isValid())
        return;
    const QString name = index.data(SchemaModel::NameRole).toString();
    QString text;
    switch (m_model->kind(index)) {
    case SchemaModel::Kind::Measurement:
        text = qualified ? SchemaQueries::qualifiedMeasurement(index.data(SchemaModel::DatabaseRole).toString(),
                                                               index.data(SchemaModel::RetentionPolicyRole).toString(), name)
                         : InfluxQL::quoteIdentifier(name);
        break;
    case SchemaModel::Kind::TagValue:
        text = InfluxQL::quoteString(name); // a value is compared as a string literal
        break;
    case SchemaModel::Kind::Database:
    case SchemaModel::Kind::RetentionPolicy:
    case SchemaModel::Kind::Field:
    case SchemaModel::Kind::TagKey:
        text = InfluxQL::quoteIdentifier(name);
        break;
    default:
        text = index.data().toString(); // an error's words
        break;
    }
    QGuiApplication::clipboard()->setText(text);
}

void SchemaBrowser::confirmDrop(const QModelIndex &index)
{
    if (!index.isValid() || !m_model->client())
        return;
    const bool isMeasurement = m_model->kind(index) == SchemaModel::Kind::Measurement;
    const QString db = index.data(SchemaModel::DatabaseRole).toString();
    const QString m = isMeasurement ? index.data(SchemaModel::NameRole).toString() : QString();
    const QString text = isMeasurement
                             ? tr("Drop the measurement %1 from the database %2? Its data in every retention policy "
                                  "and its series are deleted; this cannot be undone.")
                                   .arg(InfluxQL::quoteIdentifier(m), InfluxQL::quoteIdentifier(db))
                             : tr("Drop the database %1 with all its data, retention policies and continuous queries? "
                                  "This cannot be undone.")
                                   .arg(InfluxQL::quoteIdentifier(db));
    auto *box = new QMessageBox(QMessageBox::Warning, isMeasurement ? tr("Drop Measurement") : tr("Drop Database"), text,
                                QMessageBox::Cancel, this);
    box->setObjectName(u"dropConfirmation"_s);
    QPushButton *drop = box->addButton(isMeasurement ? tr("Drop Measurement") : tr("Drop Database"),
                                       QMessageBox::DestructiveRole);
    drop->setObjectName(u"dropButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // Window-modal and non-blocking: the answer arrives through the signal, no nested event loop.
    connect(box, &QMessageBox::buttonClicked, this, [this, drop, db, m](QAbstractButton *button) {
        if (button == drop)
            QCoro::connect(dropTask(db, m), this, [] {});
    });
    box->open();
}

QCoro::Task<> SchemaBrowser::dropTask(QString database, QString measurement)
{
    QPointer<SchemaBrowser> self(this);
    QPointer<Client> client = m_model->client();
    if (!client)
        co_return;
    Result<void> result;
    if (measurement.isEmpty())
        result = co_await client->dropDatabase(database);
    else
        result = co_await client->dropMeasurement(measurement, database);
    if (!self)
        co_return;
    if (!result) {
        Q_EMIT failed(measurement.isEmpty() ? tr("Dropping the database %1 failed").arg(database)
                                            : tr("Dropping the measurement %1 failed").arg(measurement),
                      result.error());
        co_return;
    }
    if (measurement.isEmpty())
        m_model->removeDatabase(database);
    else
        m_model->removeMeasurement(database, measurement);
    Q_EMIT dropped(database, measurement);
}

} // namespace QInflux
