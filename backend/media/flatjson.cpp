#include "flatjson.h"

#include <QtAlgorithms>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sb {

namespace {

bool isSpace(char16_t c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

int hexValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

} // namespace

bool FlatJson::parse(QStringView text)
{
    m_text = text;
    m_pos = 0;
    m_error = nullptr;
    m_count = 0;
    m_truncated = false;
    skipSpace();
    if (m_pos >= m_text.size() || m_text[m_pos] != u'{')
        return fail("not a JSON object");
    if (!object(1, {}))
        return false;
    skipSpace();
    if (m_pos != m_text.size())
        return fail("text after the JSON object");
    return true;
}

const FlatJson::Field *FlatJson::find(QStringView parent, QStringView key) const
{
    for (int i = 0; i < m_count; ++i) {
        const Field &field = m_fields[size_t(i)];
        // Null and "" compare equal as text; the members of {"": {...}} are not top-level ones.
        if (field.key == key && field.parent == parent && field.parent.isNull() == parent.isNull())
            return &field;
    }
    return nullptr;
}

const FlatJson::Field *FlatJson::string(QStringView parent, QStringView key) const
{
    const Field *field = find(parent, key);
    return field && field->kind == Kind::String ? field : nullptr;
}

QString FlatJson::text(const Field &field)
{
    if (!field.escaped)
        return field.raw.toString();
    QString out;
    out.reserve(field.raw.size());
    const QStringView raw = field.raw;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char16_t c = raw[i].unicode();
        if (c != u'\\') {
            out.append(QChar(c));
            continue;
        }
        const char16_t e = raw[++i].unicode(); // parse() guaranteed a valid escape
        switch (e) {
        case u'b': out.append(QChar(u'\b')); break;
        case u'f': out.append(QChar(u'\f')); break;
        case u'n': out.append(QChar(u'\n')); break;
        case u'r': out.append(QChar(u'\r')); break;
        case u't': out.append(QChar(u'\t')); break;
        case u'u': {
            int code = 0;
            for (int k = 1; k <= 4; ++k)
                code = code * 16 + hexValue(raw[i + k].unicode());
            out.append(QChar(char16_t(code)));
            i += 4;
            break;
        }
        default: out.append(QChar(e)); break; // " \ /
        }
    }
    return out;
}

void FlatJson::skipSpace()
{
    while (m_pos < m_text.size() && isSpace(m_text[m_pos].unicode()))
        ++m_pos;
}

bool FlatJson::fail(const char *why)
{
    if (!m_error)
        m_error = why;
    return false;
}

void FlatJson::record(const Field &field)
{
    if (m_count < kMaxFields)
        m_fields[size_t(m_count++)] = field;
    else
        m_truncated = true;
}

bool FlatJson::object(int depth, QStringView parent)
{
    if (depth > kMaxDepth)
        return fail("JSON nested too deeply");
    ++m_pos; // '{'
    skipSpace();
    if (m_pos < m_text.size() && m_text[m_pos] == u'}') {
        ++m_pos;
        return true;
    }
    for (;;) {
        skipSpace();
        if (m_pos >= m_text.size() || m_text[m_pos] != u'"')
            return fail("expected a member name");
        QStringView key;
        bool keyEscaped = false;
        if (!string(key, keyEscaped))
            return false;
        skipSpace();
        if (m_pos >= m_text.size() || m_text[m_pos] != u':')
            return fail("expected ':' after a member name");
        ++m_pos;
        // Members are recorded at depth 1 (parent null) and 2 (parent: the top-level key). An
        // object under a key that is not recorded (escaped) has a null parent too: its members
        // are not top-level ones.
        const bool recorded = !keyEscaped && (depth == 1 || (depth == 2 && !parent.isNull()));
        if (!value(depth, parent, recorded ? key : QStringView()))
            return false;
        skipSpace();
        if (m_pos >= m_text.size())
            return fail("unterminated object");
        if (m_text[m_pos] == u',') {
            ++m_pos;
            continue;
        }
        if (m_text[m_pos] == u'}') {
            ++m_pos;
            return true;
        }
        return fail("expected ',' or '}' in an object");
    }
}

bool FlatJson::array(int depth)
{
    if (depth > kMaxDepth)
        return fail("JSON nested too deeply");
    ++m_pos; // '['
    skipSpace();
    if (m_pos < m_text.size() && m_text[m_pos] == u']') {
        ++m_pos;
        return true;
    }
    for (;;) {
        if (!value(depth, {}, {}))
            return false;
        skipSpace();
        if (m_pos >= m_text.size())
            return fail("unterminated array");
        if (m_text[m_pos] == u',') {
            ++m_pos;
            continue;
        }
        if (m_text[m_pos] == u']') {
            ++m_pos;
            return true;
        }
        return fail("expected ',' or ']' in an array");
    }
}

// Parses one value. @p key is empty when the value is not to be recorded; when it is recorded,
// a nested object's members are recorded under @p key (only from the top level).
bool FlatJson::value(int depth, QStringView parent, QStringView key)
{
    skipSpace();
    if (m_pos >= m_text.size())
        return fail("expected a value");
    const qsizetype start = m_pos;
    const char16_t c = m_text[m_pos].unicode();
    Field field{parent, key, {}, Kind::Null, false};
    bool ok = false;
    switch (c) {
    case u'{':
        field.kind = Kind::Object;
        ok = object(depth + 1, key.isNull() || depth > 1 ? QStringView() : key);
        break;
    case u'[':
        field.kind = Kind::Array;
        ok = array(depth + 1);
        break;
    case u'"':
        field.kind = Kind::String;
        ok = string(field.raw, field.escaped);
        break;
    case u't':
        field.kind = Kind::Bool;
        ok = literal(u"true");
        break;
    case u'f':
        field.kind = Kind::Bool;
        ok = literal(u"false");
        break;
    case u'n':
        field.kind = Kind::Null;
        ok = literal(u"null");
        break;
    default:
        field.kind = Kind::Number;
        ok = number();
        break;
    }
    if (!ok)
        return false;
    if (field.kind != Kind::String)
        field.raw = m_text.sliced(start, m_pos - start);
    if (!key.isNull())
        record(field);
    return true;
}

namespace {

bool isPlainCharacter(char16_t c)
{
    return c != u'"' && c != u'\\' && c >= 0x20;
}

/// The position of the first `"`, `\\` or control character from @p pos (or @p size): a string's
/// plain run, eight UTF-16 units per step where SSE2 is there. A media frame holds ~16 strings,
/// one of them a ~200-character payload; this scan is most of its parsing.
qsizetype skipPlainCharacters(const char16_t *data, qsizetype pos, qsizetype size)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi16(u'"');
    const __m128i backslash = _mm_set1_epi16(u'\\');
    const __m128i lastControl = _mm_set1_epi16(0x1F);
    for (; pos + 8 <= size; pos += 8) {
        const __m128i chars = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + pos));
        // A lane ≤ 0x1F saturates to zero when 0x1F is subtracted.
        const __m128i control = _mm_cmpeq_epi16(_mm_subs_epu16(chars, lastControl), _mm_setzero_si128());
        const __m128i special =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(chars, quote), _mm_cmpeq_epi16(chars, backslash)), control);
        if (const int mask = _mm_movemask_epi8(special))
            return pos + qsizetype(qCountTrailingZeroBits(unsigned(mask)) / 2); // two mask bits per unit
    }
#endif
    while (pos < size && isPlainCharacter(data[pos]))
        ++pos;
    return pos;
}

} // namespace

bool FlatJson::string(QStringView &content, bool &escaped)
{
    ++m_pos; // opening quote
    const qsizetype start = m_pos;
    escaped = false;
    const qsizetype size = m_text.size();
    const char16_t *data = m_text.utf16();
    while (m_pos < size) {
        m_pos = skipPlainCharacters(data, m_pos, size);
        if (m_pos >= size)
            break;
        const char16_t c = data[m_pos];
        if (c == u'"') {
            content = m_text.sliced(start, m_pos - start);
            ++m_pos;
            return true;
        }
        if (c < 0x20)
            return fail("control character in a string");
        if (c == u'\\') {
            escaped = true;
            if (++m_pos >= size)
                break;
            switch (m_text[m_pos].unicode()) {
            case u'"': case u'\\': case u'/': case u'b': case u'f': case u'n': case u'r': case u't':
                break;
            case u'u':
                for (int k = 1; k <= 4; ++k) {
                    if (m_pos + k >= size || hexValue(m_text[m_pos + k].unicode()) < 0)
                        return fail("bad \\u escape in a string");
                }
                m_pos += 4;
                break;
            default:
                return fail("bad escape in a string");
            }
        }
        ++m_pos;
    }
    return fail("unterminated string");
}

bool FlatJson::number()
{
    const qsizetype size = m_text.size();
    if (m_pos < size && m_text[m_pos] == u'-')
        ++m_pos;
    if (m_pos >= size || !isDigit(m_text[m_pos].unicode()))
        return fail("bad value");
    if (m_text[m_pos] == u'0')
        ++m_pos;
    else
        while (m_pos < size && isDigit(m_text[m_pos].unicode()))
            ++m_pos;
    if (m_pos < size && m_text[m_pos] == u'.') {
        ++m_pos;
        if (m_pos >= size || !isDigit(m_text[m_pos].unicode()))
            return fail("bad number");
        while (m_pos < size && isDigit(m_text[m_pos].unicode()))
            ++m_pos;
    }
    if (m_pos < size && (m_text[m_pos] == u'e' || m_text[m_pos] == u'E')) {
        ++m_pos;
        if (m_pos < size && (m_text[m_pos] == u'+' || m_text[m_pos] == u'-'))
            ++m_pos;
        if (m_pos >= size || !isDigit(m_text[m_pos].unicode()))
            return fail("bad number");
        while (m_pos < size && isDigit(m_text[m_pos].unicode()))
            ++m_pos;
    }
    return true;
}

bool FlatJson::literal(QStringView word)
{
    if (m_text.sliced(m_pos).startsWith(word)) {
        m_pos += word.size();
        return true;
    }
    return fail("bad value");
}

} // namespace sb
