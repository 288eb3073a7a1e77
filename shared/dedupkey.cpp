#include "dedupkey.h"

namespace sb {

qint64 minuteBucket(qint64 epochMs)
{
    // C++ division truncates towards zero; step down for negative remainders (no overflow at min).
    qint64 bucket = epochMs / kDedupBucketMs;
    if (epochMs % kDedupBucketMs < 0)
        --bucket;
    return bucket;
}

QString dedupKey(qint64 businessId, QStringView normalizedNumber, qint64 epochMs)
{
    return QString::number(businessId) + u':' + normalizedNumber + u':' + QString::number(minuteBucket(epochMs));
}

} // namespace sb
