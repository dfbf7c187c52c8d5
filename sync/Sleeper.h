// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QThread>

namespace orb {

/// How the client waits between retries; tests inject one that records instead of sleeping.
class Sleeper
{
public:
    virtual ~Sleeper() = default;
    virtual void sleepMs(int ms) = 0;
};

/// Really waits (on the worker thread, never the UI thread).
class ThreadSleeper final : public Sleeper
{
public:
    void sleepMs(int ms) override { QThread::msleep(ulong(ms)); }
};

} // namespace orb
