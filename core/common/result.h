#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace ascsync {

// A failure a user can act on: `message` says what happened and what to do next.
// `code` is a stable machine-readable tag for callers that branch on the kind of failure.
struct Error {
    QString code;
    QString message;
};

// The value of a fallible operation or the reason it failed (a std::expected for C++20).
template <typename T> class [[nodiscard]] Result {
public:
    // Implicit on purpose, like std::expected: a function returns its value or an Error as it is.
    Result(T value)
        : m_state(std::move(value))
    {}
    Result(Error error)
        : m_state(std::move(error))
    {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<Error>(m_state); }
    QString errorMessage() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, Error> m_state;
};

// For operations that produce nothing but can fail.
class [[nodiscard]] Status {
public:
    Status() = default;
    // Implicit on purpose: a function returns an Error as it is.
    Status(Error error)
        : m_error(std::move(error))
    {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }
    QString errorMessage() const { return ok() ? QString() : m_error->message; }

private:
    std::optional<Error> m_error;
};

inline Error makeError(QString code, QString message)
{
    return Error{std::move(code), std::move(message)};
}

} // namespace ascsync
