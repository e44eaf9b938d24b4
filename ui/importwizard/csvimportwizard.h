#pragma once

#include <QInflux/csvimportprofile.h>
#include <QInflux/csvimportreport.h>

#include <QWizard>

#include <QCoroTask>

#include <memory>

namespace QInflux {

class Client;

/// The CSV import wizard: file (browse or drop) -> dialect (detected settings overridable, the
/// first rows as read) -> columns (role and type per column, the first rows converted with bad
/// cells marked) -> target (database with an offer to create it, retention policy, measurement,
/// precision, extra tags, time format and zone, rejects file) -> review (the first lines of line
/// protocol) -> import (progress, rate, cancel, summary, a query of the imported data). Only
/// collects options: the import itself is a CsvImportJob.
/// `client` must outlive the wizard.
class CsvImportWizard : public QWizard
{
    Q_OBJECT
public:
    explicit CsvImportWizard(Client *client, QWidget *parent = nullptr);
    ~CsvImportWizard() override;

    /// The profile the pages describe now.
    CsvImportProfile profile() const;
    QString path() const;
    QString database() const;
    /// The report of the import, once the last page has run it.
    const CsvImportReport &report() const;
    bool isImportFinished() const;
    /// A query of the imported measurement: the newest 1000 points.
    QString importedDataQuery() const;

Q_SIGNALS:
    void importFinished();
    /// The user asked to see the imported data: run `query` on `database`.
    void openQueryRequested(const QString &query, const QString &database);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QCoro::Task<> runImport();

    class Private;
    std::unique_ptr<Private> const d;
};

} // namespace QInflux
