#pragma once

#include <QString>

// Makes a file or folder read-only for this process and its children, even when it runs as root (CI does):
// root ignores permission bits, but not the immutable attribute (chattr +i), which root may set. Undone on
// destruction. Shared by the storage suites and the CLI's end-to-end safety test.
class ReadOnlyGuard {
public:
    explicit ReadOnlyGuard(const QString &path);
    ~ReadOnlyGuard();
    ReadOnlyGuard(const ReadOnlyGuard &) = delete;
    ReadOnlyGuard &operator=(const ReadOnlyGuard &) = delete;

    bool active() const { return m_immutable || m_chmodded; }

private:
    bool setImmutable(bool on) const;

    QString m_path;
    bool m_immutable = false;
    bool m_chmodded = false;
};
