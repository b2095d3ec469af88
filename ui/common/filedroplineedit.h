#pragma once

#include <QLineEdit>

class QMimeData;

namespace ascsync::ui {

// A path field that also takes a file dragged from the file manager (e.g. AuthKey_ABC123DEFG.p8).
class FileDropLineEdit : public QLineEdit {
    Q_OBJECT
public:
    explicit FileDropLineEdit(QWidget *parent = nullptr);

    // The local file a drop would bring, or empty when the data holds none.
    static QString localFileOf(const QMimeData *data);

Q_SIGNALS:
    void fileDropped(const QString &path);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
};

} // namespace ascsync::ui
