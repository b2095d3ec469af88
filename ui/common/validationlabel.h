#pragma once

#include <QLabel>

namespace ascsync::ui {

// The sentence under a field that says what is wrong with it (or that it is fine). Hidden while empty, so a
// form without problems stays compact.
class ValidationLabel : public QLabel {
    Q_OBJECT
public:
    enum class Kind { Error, Success, Progress };

    explicit ValidationLabel(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text);
    void showError(const QString &text) { showMessage(Kind::Error, text); }
    void showSuccess(const QString &text) { showMessage(Kind::Success, text); }
    void showProgress(const QString &text) { showMessage(Kind::Progress, text); }
    void clearMessage();

    Kind kind() const { return m_kind; }
    bool isError() const { return m_kind == Kind::Error && !text().isEmpty(); }

private:
    Kind m_kind = Kind::Progress;
};

} // namespace ascsync::ui
