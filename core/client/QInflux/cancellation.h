#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <functional>
#include <map>
#include <memory>

namespace QInflux {

/// A handle that cancels requests. Pass copies of it in QueryOptions / WriteOptions; cancel() aborts
/// every request bound to it that is in flight (the HTTP connection is closed, which also stops the
/// query on the server) and makes later ones fail at once with Error::Kind::Cancelled.
/// Copies share one state. Use it in the thread of the Client it is passed to.
class QINFLUX_CORE_EXPORT Cancellation
{
public:
    Cancellation();

    void cancel();
    bool isCancelled() const;

    /// For the client: runs `callback` on cancel(); returns an id for remove().
    int onCancel(std::function<void()> callback);
    void remove(int id);

private:
    struct State
    {
        bool cancelled = false;
        int nextId = 0;
        std::map<int, std::function<void()>> callbacks;
    };
    std::shared_ptr<State> d;
};

} // namespace QInflux
