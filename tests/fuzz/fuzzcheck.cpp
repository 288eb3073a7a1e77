#include "fuzzcheck.h"

#include <cstdio>
#include <cstdlib>

namespace sb::fuzz {

QByteArray inputBytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

void check(bool ok, const char *target, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "fuzz_%s: %s\n", target, what);
        std::abort();
    }
}

bool isViewInto(QStringView inner, QStringView outer)
{
    if (inner.isEmpty())
        return true;
    return inner.utf16() >= outer.utf16() && inner.utf16() + inner.size() <= outer.utf16() + outer.size();
}

bool isViewInto(QByteArrayView inner, QByteArrayView outer)
{
    if (inner.isEmpty())
        return true;
    return inner.data() >= outer.data() && inner.data() + inner.size() <= outer.data() + outer.size();
}

} // namespace sb::fuzz
