#include "syncprogresspanel.h"

#include "themeicons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {
const QStringList kStreamFamilies{u"analytics"_s, u"sales"_s, u"finance"_s};

QString familyOf(const QString &stream)
{
    // The engine names families ("sales"), but a stream may come qualified ("sales:SALES/SUMMARY/DAILY").
    return stream.section(u':', 0, 0).toLower();
}
} // namespace

SyncProgressPanel::SyncProgressPanel(QWidget *parent)
    : QWidget(parent)
    , m_overall(new QProgressBar(this))
    , m_cancel(new QPushButton(themeIcon(u"process-stop"_s, QStyle::SP_BrowserStop), u"Cancel s&ync"_s, this))
    , m_outcome(new QLabel(this))
    , m_unit(new QLabel(this))
{
    m_clock.start();
    m_unit->setObjectName(u"currentUnitLabel"_s);
    m_unit->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_unit->setWordWrap(true);
    m_unit->hide();
    m_overall->setObjectName(u"overallProgress"_s);
    m_overall->setAccessibleName(u"Overall sync progress"_s);
    m_overall->setRange(0, 1);
    m_overall->setValue(0);
    m_overall->setFormat(u"Idle"_s);
    m_cancel->setObjectName(u"cancelSyncButton"_s);
    m_cancel->setEnabled(false);
    m_cancel->setToolTip(u"Stop the sync; what is loaded stays, and the next sync continues from there"_s);
    connect(m_cancel, &QPushButton::clicked, this, &SyncProgressPanel::cancelRequested);
    m_repaint.setSingleShot(true);
    m_repaint.setInterval(kRepaintIntervalMs);
    connect(&m_repaint, &QTimer::timeout, this, &SyncProgressPanel::showProgress);
    m_outcome->setObjectName(u"lastOutcomeLabel"_s);
    m_outcome->setWordWrap(true);
    m_outcome->setTextFormat(Qt::PlainText); // sync outcomes quote app and report names
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outcome->setText(u"No sync has run in this session yet."_s);

    auto *top = new QHBoxLayout;
    top->addWidget(m_overall, 1);
    top->addWidget(m_cancel);
    auto *streams = new QHBoxLayout;
    for (const QString &family : kStreamFamilies) {
        auto *bar = new QProgressBar(this);
        bar->setObjectName(family + u"Progress"_s);
        bar->setRange(0, 1);
        bar->setValue(0);
        bar->setFormat(u"—"_s);
        QString label = family;
        label[0] = label[0].toUpper();
        bar->setAccessibleName(label + u" progress"_s);
        auto *name = new QLabel(label + u":"_s, this);
        name->setBuddy(bar);
        streams->addWidget(name);
        streams->addWidget(bar, 1);
        m_streamBars.insert(family, bar);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(streams);
    layout->addWidget(m_unit);
    layout->addWidget(m_outcome);
}

void SyncProgressPanel::runStarted()
{
    m_repaint.stop();
    m_streams.clear();
    for (QProgressBar *bar : std::as_const(m_streamBars)) {
        bar->setRange(0, 1);
        bar->setValue(0);
        bar->setFormat(u"waiting"_s);
    }
    // Busy until the engine knows how much there is to do.
    m_overall->setRange(0, 0);
    m_overall->setFormat(u"Planning…"_s);
    m_cancel->setEnabled(true);
    m_outcome->setText(u"Sync running…"_s);
    m_meter = {};
    m_unit->clear();
    m_unit->show();
}

void SyncProgressPanel::setUnitActivity(const sync::UnitActivity &activity)
{
    // Coalesced like the bars: a large unit reports every few thousand rows.
    m_meter.update(activity, m_clock.elapsed());
    if (!m_repaint.isActive()) {
        m_repaint.start();
    }
}

void SyncProgressPanel::setProgress(const QString &stream, int done, int total)
{
    // Only remembered here: the bars follow at most every kRepaintIntervalMs. A sync reports thousands of
    // small units, and QProgressBar repaints synchronously on each change, which measurably stalled the UI
    // thread (tests/bench/uistall) before this coalescing.
    m_streams[familyOf(stream)] = StreamProgress{done, total};
    if (!m_repaint.isActive()) {
        m_repaint.start();
    }
}

void SyncProgressPanel::showProgress()
{
    for (auto it = m_streams.cbegin(); it != m_streams.cend(); ++it) {
        QProgressBar *bar = m_streamBars.value(it.key());
        if (!bar) {
            continue;
        }
        const int maximum = std::max(1, it->total);
        if (bar->maximum() != maximum) {
            bar->setRange(0, maximum);
        }
        bar->setValue(it->total == 0 ? 1 : it->done);
        const QString format = it->total == 0 ? u"nothing to do"_s : u"%v of %m"_s;
        if (bar->format() != format) {
            bar->setFormat(format);
        }
    }
    if (!m_meter.activity().stream.isEmpty()) {
        const QString text = m_meter.describe();
        if (m_unit->text() != text) {
            m_unit->setText(text);
        }
    }
    updateOverall();
}

void SyncProgressPanel::updateOverall()
{
    int done = 0;
    int total = 0;
    for (const StreamProgress &progress : std::as_const(m_streams)) {
        done += progress.done;
        total += progress.total;
    }
    if (total == 0) {
        return;
    }
    if (m_overall->maximum() != total) {
        m_overall->setRange(0, total);
    }
    m_overall->setValue(done);
    const QString format = u"%p% (%v of %m units)"_s;
    if (m_overall->format() != format) {
        m_overall->setFormat(format);
    }
}

void SyncProgressPanel::runFinished(const QString &outcomeText, bool ok)
{
    m_repaint.stop();
    showProgress(); // the final counts, not the last coalesced ones
    for (auto it = m_streamBars.cbegin(); it != m_streamBars.cend(); ++it) {
        if (!m_streams.contains(it.key())) {
            it.value()->setFormat(u"not synced"_s); // not among the settings' streams, or stopped before
        }
    }
    m_cancel->setEnabled(false);
    if (m_overall->maximum() == 0) {
        m_overall->setRange(0, 1);
        m_overall->setValue(ok ? 1 : 0);
    }
    m_overall->setFormat(ok ? u"Done"_s : u"Stopped"_s);
    m_outcome->setText(outcomeText);
    m_unit->hide();
}

} // namespace ascsync::ui
