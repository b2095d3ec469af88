#pragma once

#include "core/api/appsendpoint.h"
#include "core/config/settings.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace ascsync::ui {

class ValidationLabel;

// Which apps to sync (a checkable, searchable list of the apps the key sees) and the vendor number that sales
// and finance reports need. Used by the wizard's Apps page and the settings dialog's Apps tab.
class AppsEditor : public QWidget {
    Q_OBJECT
public:
    explicit AppsEditor(QWidget *parent = nullptr);

    void load(const config::Settings &settings);
    // Replaces the list, keeping the current choice (every app is checked when the choice is "all").
    void setApps(const QList<api::AppInfo> &apps);
    void setVendorNumber(const QString &vendorNumber);
    // settings.apps is empty when every app is checked, so apps added later are synced too.
    void applyTo(config::Settings &settings) const;

    bool isValid() const;
    QStringList checkedAppIds() const;
    int appCount() const;

Q_SIGNALS:
    void changed();

private:
    void populate(const QList<api::AppInfo> &apps);
    void filter(const QString &text);
    void setAllChecked(bool checked);
    void checkVendorNumber();
    void updateSelectionMessage();

    QLineEdit *m_search;
    QListWidget *m_list;
    QPushButton *m_selectAll;
    QPushButton *m_selectNone;
    ValidationLabel *m_selectionMessage;
    QLineEdit *m_vendorNumber;
    ValidationLabel *m_vendorNumberMessage;
    QStringList m_chosenIds; // from the settings, until the list is known; empty = all
    bool m_vendorNumberValid = true;
    bool m_listComplete = false; // the list is the API's (not only the saved IDs)
};

} // namespace ascsync::ui
