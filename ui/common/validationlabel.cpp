#include "validationlabel.h"

using namespace Qt::StringLiterals;

namespace ascsync::ui {

ValidationLabel::ValidationLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setVisible(false);
}

void ValidationLabel::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;
    // Colours readable on light and dark themes alike; the text itself always says what happened.
    switch (kind) {
    case Kind::Error:
        setStyleSheet(u"color: #c62828;"_s);
        break;
    case Kind::Success:
        setStyleSheet(u"color: #2e7d32;"_s);
        break;
    case Kind::Progress:
        setStyleSheet(QString());
        break;
    }
    setText(text);
    setVisible(!text.isEmpty());
}

void ValidationLabel::clearMessage()
{
    showMessage(Kind::Progress, QString());
}

} // namespace ascsync::ui
