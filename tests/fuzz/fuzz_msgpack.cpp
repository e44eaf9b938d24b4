#include "fuzzdecode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return QInflux::Fuzz::fuzzOne(data, size, QInflux::ResponseFormat::MessagePack);
}
