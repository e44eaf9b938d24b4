#include <QInflux/cancellation.h>

namespace QInflux {

Cancellation::Cancellation() : d(std::make_shared<State>()) {}

void Cancellation::cancel()
{
    if (d->cancelled)
        return;
    d->cancelled = true;
    // Callbacks may remove themselves while running: iterate over a copy.
    const auto callbacks = d->callbacks;
    for (const auto &[id, callback] : callbacks)
        callback();
}

bool Cancellation::isCancelled() const
{
    return d->cancelled;
}

int Cancellation::onCancel(std::function<void()> callback)
{
    const int id = d->nextId++;
    d->callbacks.emplace(id, std::move(callback));
    return id;
}

void Cancellation::remove(int id)
{
    d->callbacks.erase(id);
}

} // namespace QInflux
