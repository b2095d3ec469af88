#include "analyticsreportseditor.h"

#include "core/reports/analyticsreports.h"

#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

constexpr int kStreamRole = Qt::UserRole + 1;

template <typename Visit> void forEachReport(QTreeWidget *tree, Visit visit)
{
    for (int c = 0; c < tree->topLevelItemCount(); ++c) {
        QTreeWidgetItem *category = tree->topLevelItem(c);
        for (int r = 0; r < category->childCount(); ++r) {
            visit(category->child(r));
        }
    }
}

} // namespace

AnalyticsReportsEditor::AnalyticsReportsEditor(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget)
{
    m_tree->setObjectName(u"analyticsReportsTree"_s);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Report"), tr("What it holds")});
    m_tree->setRootIsDecorated(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setMinimumHeight(160);
    QTreeWidgetItem *category = nullptr;
    for (const reports::AnalyticsReportChoice &choice : reports::analyticsReportChoices()) {
        const QString title = reports::categoryTitle(choice.category);
        if (category == nullptr || category->text(0) != title) {
            category = new QTreeWidgetItem(m_tree, {title});
            category->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
            category->setExpanded(true);
        }
        auto *report = new QTreeWidgetItem(category, {choice.name, choice.holds});
        report->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        report->setCheckState(0, Qt::Unchecked);
        report->setData(0, kStreamRole, choice.stream());
        report->setToolTip(1, choice.holds);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
    connect(m_tree, &QTreeWidget::itemChanged, this, [this] { Q_EMIT changed(); });
}

void AnalyticsReportsEditor::setStreams(const QStringList &streams)
{
    const bool all = streams.contains(u"analytics"_s);
    QStringList shown;
    forEachReport(m_tree, [&](QTreeWidgetItem *report) {
        const QString stream = report->data(0, kStreamRole).toString();
        shown << stream;
        report->setCheckState(0, all || streams.contains(stream) ? Qt::Checked : Qt::Unchecked);
    });
    m_unlisted.clear();
    for (const QString &stream : streams) {
        if (stream.startsWith(u"analytics:"_s) && !shown.contains(stream)) {
            m_unlisted << stream;
        }
    }
}

QStringList AnalyticsReportsEditor::streams() const
{
    QStringList checked;
    bool all = true;
    forEachReport(m_tree, [&](QTreeWidgetItem *report) {
        if (report->checkState(0) == Qt::Checked) {
            checked << report->data(0, kStreamRole).toString();
        } else {
            all = false;
        }
    });
    if (all) {
        return {u"analytics"_s};
    }
    return checked + m_unlisted;
}

int AnalyticsReportsEditor::checkedCount() const
{
    const QStringList chosen = streams();
    return chosen == QStringList{u"analytics"_s} ? int(reports::analyticsReportChoices().size())
                                                 : int(chosen.size());
}

} // namespace ascsync::ui
