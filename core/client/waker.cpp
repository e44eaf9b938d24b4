#include "waker_p.h"

namespace QInflux::detail {

Waker::Waker()
{
    m_timer.setSingleShot(true);
    QObject::connect(&m_timer, &QTimer::timeout, this, [this] { resume(); });
}

void Waker::poke()
{
    m_pending = true;
    if (m_waiter && !m_scheduled) {
        m_scheduled = true;
        QMetaObject::invokeMethod(this, [this] {
            m_scheduled = false;
            resume();
        }, Qt::QueuedConnection);
    }
}

void Waker::resume()
{
    m_timer.stop();
    if (auto waiter = std::exchange(m_waiter, {}))
        waiter.resume();
}

void Waker::Awaiter::await_suspend(std::coroutine_handle<> handle)
{
    waker->m_waiter = handle;
    if (waker->m_timeout.count() >= 0) {
        waker->m_timer.setInterval(waker->m_timeout);
        waker->m_timer.start();
    }
}

bool Waker::Awaiter::await_resume() noexcept
{
    waker->m_timer.stop();
    return std::exchange(waker->m_pending, false);
}

} // namespace QInflux::detail
