#include "activitylogpanel.h"

#include "activitylogfilter.h"
#include "themeicons.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

ActivityLogPanel::ActivityLogPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new ActivityLogModel(this))
    , m_filter(new ActivityLogFilter(this))
    , m_level(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_view(new QTableView(this))
{
    m_filter->setSourceModel(m_model);

    m_level->setObjectName(u"activityLevelFilter"_s);
    m_level->addItem(u"All messages"_s, int(ActivityLevel::Info));
    m_level->addItem(u"Warnings and errors"_s, int(ActivityLevel::Warning));
    m_level->addItem(u"Errors only"_s, int(ActivityLevel::Error));
    m_level->setAccessibleName(u"Show"_s);
    connect(m_level, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setMinimumLevel(ActivityLevel(m_level->currentData().toInt())); });

    m_search->setObjectName(u"activitySearch"_s);
    m_search->setPlaceholderText(u"Filter messages"_s);
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &ActivityLogFilter::setText);

    auto *copySelectedButton = new QPushButton(u"&Copy"_s, this);
    copySelectedButton->setObjectName(u"copySelectedLogButton"_s);
    copySelectedButton->setToolTip(u"Copy the selected messages"_s);
    connect(copySelectedButton, &QPushButton::clicked, this, &ActivityLogPanel::copySelected);
    auto *copyAllButton = new QPushButton(u"Copy a&ll"_s, this);
    copyAllButton->setObjectName(u"copyAllLogButton"_s);
    copyAllButton->setToolTip(u"Copy every message shown"_s);
    connect(copyAllButton, &QPushButton::clicked, this, &ActivityLogPanel::copyAll);

    m_view->setObjectName(u"activityLogView"_s);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(ActivityLogModel::TimeColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ActivityLogModel::LevelColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    // Sized from a sample of rows, not all of them: a long log would otherwise be measured on every insert.
    m_view->horizontalHeader()->setResizeContentsPrecision(64);
    auto *copyAction = new QAction(u"Copy"_s, m_view);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetShortcut);
    connect(copyAction, &QAction::triggered, this, &ActivityLogPanel::copySelected);
    m_view->addAction(copyAction);

    auto *label = new QLabel(u"S&how:"_s, this);
    label->setBuddy(m_level);
    auto *bar = new QHBoxLayout;
    bar->addWidget(label);
    bar->addWidget(m_level);
    bar->addWidget(m_search, 1);
    bar->addWidget(copySelectedButton);
    bar->addWidget(copyAllButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view);
}

void ActivityLogPanel::append(ActivityLevel level, const QString &text)
{
    // Follow new messages only when the user is already at the bottom, so reading older ones is not
    // interrupted.
    QScrollBar *scroll = m_view->verticalScrollBar();
    const bool atBottom = scroll->value() == scroll->maximum();
    m_model->append(level, text);
    if (atBottom) {
        m_view->scrollToBottom();
    }
}

QString ActivityLogPanel::selectedText() const
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected) {
        rows << m_filter->mapToSource(index).row();
    }
    std::sort(rows.begin(), rows.end());
    QStringList lines;
    for (const int row : rows) {
        lines << ActivityLogModel::lineFor(m_model->entries().at(row));
    }
    return lines.join(u'\n');
}

QString ActivityLogPanel::allText() const
{
    QStringList lines;
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const int source = m_filter->mapToSource(m_filter->index(row, 0)).row();
        lines << ActivityLogModel::lineFor(m_model->entries().at(source));
    }
    return lines.join(u'\n');
}

void ActivityLogPanel::copySelected()
{
    QApplication::clipboard()->setText(selectedText());
}

void ActivityLogPanel::copyAll()
{
    QApplication::clipboard()->setText(allText());
}

} // namespace ascsync::ui
