// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/ApiServerControl.h"

namespace orb {

namespace {

ApiServerControl::Factory &factory()
{
    static ApiServerControl::Factory f;
    return f;
}

} // namespace

void ApiServerControl::setFactory(Factory f)
{
    factory() = std::move(f);
}

std::unique_ptr<ApiServerControl> ApiServerControl::make(CompanyFile &file, const Clock &clock)
{
    return factory() ? factory()(file, clock) : nullptr;
}

} // namespace orb
