#include "appseditor.h"

#include "fieldchecks.h"

#include "ui/common/fieldcolumn.h"
#include "ui/common/validationlabel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

constexpr int kAppIdRole = Qt::UserRole;

} // namespace

AppsEditor::AppsEditor(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit)
    , m_list(new QListWidget)
    , m_selectAll(new QPushButton(tr("Select &all")))
    , m_selectNone(new QPushButton(tr("Select &none")))
    , m_selectionMessage(new ValidationLabel)
    , m_vendorNumber(new QLineEdit)
    , m_vendorNumberMessage(new ValidationLabel)
{
    m_search->setObjectName(u"appsSearchEdit"_s);
    m_list->setObjectName(u"appsList"_s);
    m_selectAll->setObjectName(u"selectAllAppsButton"_s);
    m_selectNone->setObjectName(u"selectNoAppsButton"_s);
    m_selectionMessage->setObjectName(u"appsMessage"_s);
    m_vendorNumber->setObjectName(u"vendorNumberEdit"_s);
    m_vendorNumberMessage->setObjectName(u"vendorNumberMessage"_s);

    m_search->setPlaceholderText(tr("Filter by name, bundle ID or Apple ID"));
    m_search->setClearButtonEnabled(true);
    m_vendorNumber->setPlaceholderText(tr("e.g. 85012345 (Payments and Financial Reports)"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_selectAll);
    buttons->addWidget(m_selectNone);
    buttons->addStretch(1);

    auto *vendorForm = new QFormLayout;
    vendorForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    vendorForm->addRow(tr("&Vendor number:"), fieldColumn(m_vendorNumber, m_vendorNumberMessage));
    auto *vendorHelp =
        new QLabel(tr("Sales and finance reports need it; leave it empty to sync analytics only."));
    vendorForm->addRow(QString(), vendorHelp);
    if (auto *label = qobject_cast<QLabel *>(
            vendorForm->labelForField(vendorForm->itemAt(0, QFormLayout::FieldRole)->widget()))) {
        label->setBuddy(m_vendorNumber);
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_selectionMessage);
    layout->addSpacing(8);
    layout->addLayout(vendorForm);

    setTabOrder(m_search, m_list);
    setTabOrder(m_list, m_selectAll);
    setTabOrder(m_selectAll, m_selectNone);
    setTabOrder(m_selectNone, m_vendorNumber);

    connect(m_search, &QLineEdit::textChanged, this, &AppsEditor::filter);
    connect(m_selectAll, &QPushButton::clicked, this, [this] { setAllChecked(true); });
    connect(m_selectNone, &QPushButton::clicked, this, [this] { setAllChecked(false); });
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        updateSelectionMessage();
        Q_EMIT changed();
    });
    connect(m_vendorNumber, &QLineEdit::textChanged, this, [this] {
        checkVendorNumber();
        Q_EMIT changed();
    });
    updateSelectionMessage();
}

void AppsEditor::load(const config::Settings &settings)
{
    m_chosenIds = settings.apps;
    // Until a connection test lists the apps, the saved choice is shown by ID.
    QList<api::AppInfo> saved;
    for (const QString &id : settings.apps) {
        api::AppInfo app;
        app.id = id;
        saved << app;
    }
    m_listComplete = false;
    populate(saved);
    setVendorNumber(settings.vendorNumber);
}

void AppsEditor::setApps(const QList<api::AppInfo> &apps)
{
    if (m_list->count() > 0) {
        const QStringList checked = checkedAppIds();
        m_chosenIds = m_listComplete && checked.size() == m_list->count() ? QStringList() : checked;
    }
    m_listComplete = true;
    populate(apps);
}

void AppsEditor::populate(const QList<api::AppInfo> &apps)
{
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const api::AppInfo &app : apps) {
            const QString label = app.name.isEmpty()
                                      ? tr("App %1").arg(app.id)
                                      : u"%1  —  %2  (%3)"_s.arg(app.name, app.bundleId, app.id);
            auto *item = new QListWidgetItem(label, m_list);
            item->setData(kAppIdRole, app.id);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(m_chosenIds.isEmpty() || m_chosenIds.contains(app.id) ? Qt::Checked
                                                                                      : Qt::Unchecked);
        }
    }
    filter(m_search->text());
    updateSelectionMessage();
    Q_EMIT changed();
}

void AppsEditor::setVendorNumber(const QString &vendorNumber)
{
    m_vendorNumber->setText(vendorNumber);
    checkVendorNumber();
}

void AppsEditor::applyTo(config::Settings &settings) const
{
    const QStringList checked = checkedAppIds();
    // "All" is stored as an empty list only when the list is the API's, not the saved IDs alone.
    settings.apps = m_listComplete && checked.size() == m_list->count() ? QStringList() : checked;
    settings.vendorNumber = m_vendorNumber->text().trimmed();
}

bool AppsEditor::isValid() const
{
    return m_vendorNumberValid && (m_list->count() == 0 || !checkedAppIds().isEmpty());
}

QStringList AppsEditor::checkedAppIds() const
{
    QStringList ids;
    for (int row = 0; row < m_list->count(); ++row) {
        const QListWidgetItem *item = m_list->item(row);
        if (item->checkState() == Qt::Checked) {
            ids << item->data(kAppIdRole).toString();
        }
    }
    return ids;
}

int AppsEditor::appCount() const
{
    return m_list->count();
}

void AppsEditor::filter(const QString &text)
{
    const QString needle = text.trimmed();
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        item->setHidden(!needle.isEmpty() && !item->text().contains(needle, Qt::CaseInsensitive));
    }
}

void AppsEditor::setAllChecked(bool checked)
{
    // Acts on the apps the filter shows, so "search, then Select none" does what it says.
    {
        const QSignalBlocker blocker(m_list);
        for (int row = 0; row < m_list->count(); ++row) {
            QListWidgetItem *item = m_list->item(row);
            if (!item->isHidden()) {
                item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
            }
        }
    }
    m_list->viewport()->update();
    updateSelectionMessage();
    Q_EMIT changed();
}

void AppsEditor::checkVendorNumber()
{
    const Status valid = ui::checkVendorNumber(m_vendorNumber->text());
    m_vendorNumberValid = valid.ok();
    if (valid) {
        m_vendorNumberMessage->clearMessage();
    } else {
        m_vendorNumberMessage->showError(valid.errorMessage());
    }
}

void AppsEditor::updateSelectionMessage()
{
    const int total = m_list->count();
    const auto checked = int(checkedAppIds().size());
    if (total == 0) {
        m_selectionMessage->showProgress(
            tr("Every app the key sees will be synced. A connection test lists them here to choose from."));
    } else if (checked == 0) {
        m_selectionMessage->showError(tr("Choose at least one app to sync."));
    } else if (checked == total && m_listComplete) {
        m_selectionMessage->showProgress(
            tr("All %1 apps are selected; apps you add to App Store Connect later are synced too.")
                .arg(total));
    } else {
        m_selectionMessage->showProgress(tr("%1 of %2 apps selected.").arg(checked).arg(total));
    }
}

} // namespace ascsync::ui
