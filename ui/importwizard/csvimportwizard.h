#pragma once

#include "csv/csvimportprofile.h"
#include "csv/csvimportreport.h"

#include <QWizard>

#include <memory>

namespace QInflux {

class Client;

/// The CSV import wizard: file (browse or drop) -> dialect and columns (live preview, detected
/// settings overridable, role and type per column) -> target (database, measurement, time format
/// and zone, rejects file, with the first lines of line protocol) -> import (progress, rate,
/// cancel, summary). Only collects options: the import itself is a CsvImportJob.
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

Q_SIGNALS:
    void importFinished();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    class Private;
    std::unique_ptr<Private> const d;
};

} // namespace QInflux
