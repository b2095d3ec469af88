#pragma once

class QWidget;

namespace ascsync::ui {

// A form field with its message right under it (and optional extra widgets beside the field, such as a
// Browse button), as one widget for a QFormLayout row.
QWidget *fieldColumn(QWidget *field, QWidget *message, QWidget *besideField = nullptr);

} // namespace ascsync::ui
