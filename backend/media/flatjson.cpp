#include "flatjson.h"

#include "hexdigit.h"

#include <QStringDecoder>
#include <QtAlgorithms>

#include <cstring>
#include <new>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sb {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool sameBytes(QByteArrayView a, QByteArrayView b)
{
    // Inline, unlike QByteArrayView's operator==: find() compares a handful of short keys per frame.
    return a.size() == b.size() && (a.isEmpty() || std::memcmp(a.data(), b.data(), size_t(a.size())) == 0);
}

} // namespace

bool FlatJson::parse(QByteArrayView utf8)
{
    m_text = utf8;
    m_pos = 0;
    m_error = nullptr;
    m_count = 0;
    m_truncated = false;
    skipSpace();
    if (m_pos >= m_text.size() || m_text[m_pos] != '{')
        return fail("not a JSON object");
    if (!object(1, {}))
        return false;
    skipSpace();
    if (m_pos != m_text.size())
        return fail("text after the JSON object");
    return true;
}

const FlatJson::Field *FlatJson::find(QByteArrayView parent, QByteArrayView key) const
{
    for (int i = 0; i < m_count; ++i) {
        const Field &field = m_fields.at[i];
        // Null and "" compare equal as text; the members of {"": {...}} are not top-level ones.
        if (sameBytes(field.key, key) && field.parent.isNull() == parent.isNull() && sameBytes(field.parent, parent))
            return &field;
    }
    return nullptr;
}

const FlatJson::Field *FlatJson::string(QByteArrayView parent, QByteArrayView key) const
{
    const Field *field = find(parent, key);
    return field && field->kind == Kind::String ? field : nullptr;
}

QString FlatJson::text(const Field &field)
{
    QString out;
    text(field, out);
    return out;
}

void FlatJson::text(const Field &field, QString &out)
{
    // Every byte, escape or UTF-8 sequence makes at most one UTF-16 unit per byte it takes (an
    // invalid byte: one U+FFFD), so the raw size is room enough.
    const QByteArrayView raw = field.raw;
    out.resize(raw.size());
    QChar *const begin = out.data();
    QChar *p = begin;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    qsizetype run = 0; // where the current run of unescaped bytes starts
    for (qsizetype i = 0; field.escaped && i < raw.size(); ++i) {
        if (raw[i] != '\\')
            continue;
        p = decoder.appendToBuffer(p, raw.sliced(run, i - run)); // a backslash never splits a UTF-8 sequence
        const char e = raw[++i]; // parse() guaranteed a valid escape
        switch (e) {
        case 'b': *p++ = u'\b'; break;
        case 'f': *p++ = u'\f'; break;
        case 'n': *p++ = u'\n'; break;
        case 'r': *p++ = u'\r'; break;
        case 't': *p++ = u'\t'; break;
        case 'u': {
            // One UTF-16 unit: a surrogate pair is two escapes that join in the QString.
            int code = 0;
            for (int k = 1; k <= 4; ++k)
                code = code * 16 + hexDigitValue(raw[i + k]);
            *p++ = QChar(char16_t(code));
            i += 4;
            break;
        }
        default: *p++ = QLatin1Char(e); break; // " \\ /
        }
        run = i + 1;
    }
    p = decoder.appendToBuffer(p, raw.sliced(run));
    out.resize(p - begin);
}

void FlatJson::skipSpace()
{
    while (m_pos < m_text.size() && isSpace(m_text[m_pos]))
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
        new (&m_fields.at[m_count++]) Field(field);
    else
        m_truncated = true;
}

bool FlatJson::object(int depth, QByteArrayView parent)
{
    if (depth > kMaxDepth)
        return fail("JSON nested too deeply");
    ++m_pos; // '{'
    skipSpace();
    if (m_pos < m_text.size() && m_text[m_pos] == '}') {
        ++m_pos;
        return true;
    }
    for (;;) {
        skipSpace();
        if (m_pos >= m_text.size() || m_text[m_pos] != '"')
            return fail("expected a member name");
        QByteArrayView key;
        bool keyEscaped = false;
        if (!string(key, keyEscaped))
            return false;
        skipSpace();
        if (m_pos >= m_text.size() || m_text[m_pos] != ':')
            return fail("expected ':' after a member name");
        ++m_pos;
        // Members are recorded at depth 1 (parent null) and 2 (parent: the top-level key). An
        // object under a key that is not recorded (escaped) has a null parent too: its members
        // are not top-level ones.
        const bool recorded = !keyEscaped && (depth == 1 || (depth == 2 && !parent.isNull()));
        if (!value(depth, parent, recorded ? key : QByteArrayView()))
            return false;
        skipSpace();
        if (m_pos >= m_text.size())
            return fail("unterminated object");
        if (m_text[m_pos] == ',') {
            ++m_pos;
            continue;
        }
        if (m_text[m_pos] == '}') {
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
    if (m_pos < m_text.size() && m_text[m_pos] == ']') {
        ++m_pos;
        return true;
    }
    for (;;) {
        if (!value(depth, {}, {}))
            return false;
        skipSpace();
        if (m_pos >= m_text.size())
            return fail("unterminated array");
        if (m_text[m_pos] == ',') {
            ++m_pos;
            continue;
        }
        if (m_text[m_pos] == ']') {
            ++m_pos;
            return true;
        }
        return fail("expected ',' or ']' in an array");
    }
}

// Parses one value. @p key is empty when the value is not to be recorded; when it is recorded,
// a nested object's members are recorded under @p key (only from the top level).
bool FlatJson::value(int depth, QByteArrayView parent, QByteArrayView key)
{
    skipSpace();
    if (m_pos >= m_text.size())
        return fail("expected a value");
    const qsizetype start = m_pos;
    const char c = m_text[m_pos];
    Field field{parent, key, {}, Kind::Null, false};
    bool ok = false;
    switch (c) {
    case '{':
        field.kind = Kind::Object;
        ok = object(depth + 1, key.isNull() || depth > 1 ? QByteArrayView() : key);
        break;
    case '[':
        field.kind = Kind::Array;
        ok = array(depth + 1);
        break;
    case '"':
        field.kind = Kind::String;
        ok = string(field.raw, field.escaped);
        break;
    case 't':
        field.kind = Kind::Bool;
        ok = literal("true");
        break;
    case 'f':
        field.kind = Kind::Bool;
        ok = literal("false");
        break;
    case 'n':
        field.kind = Kind::Null;
        ok = literal("null");
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

bool isPlainCharacter(unsigned char c)
{
    return c != '"' && c != '\\' && c >= 0x20;
}

/// The position of the first `"`, `\\` or control byte from @p pos (or @p size): a string's plain
/// run, sixteen bytes per step where SSE2 is there. Bytes ≥ 0x80 (UTF-8 beyond ASCII) are plain.
/// A media frame holds ~16 strings, one of them a ~200-byte payload; this scan is most of its
/// parsing.
qsizetype skipPlainCharacters(const char *data, qsizetype pos, qsizetype size)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i lastControl = _mm_set1_epi8(0x1F);
    for (; pos + 16 <= size; pos += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + pos));
        // A byte ≤ 0x1F saturates to zero when 0x1F is subtracted (unsigned: 0x80–0xFF stay non-zero).
        const __m128i control = _mm_cmpeq_epi8(_mm_subs_epu8(bytes, lastControl), _mm_setzero_si128());
        const __m128i special =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)), control);
        if (const int mask = _mm_movemask_epi8(special))
            return pos + qsizetype(qCountTrailingZeroBits(unsigned(mask)));
    }
#endif
    while (pos < size && isPlainCharacter(static_cast<unsigned char>(data[pos])))
        ++pos;
    return pos;
}

} // namespace

bool FlatJson::string(QByteArrayView &content, bool &escaped)
{
    ++m_pos; // opening quote
    const qsizetype start = m_pos;
    escaped = false;
    const qsizetype size = m_text.size();
    const char *data = m_text.data();
    while (m_pos < size) {
        m_pos = skipPlainCharacters(data, m_pos, size);
        if (m_pos >= size)
            break;
        const unsigned char c = static_cast<unsigned char>(data[m_pos]);
        if (c == '"') {
            content = m_text.sliced(start, m_pos - start);
            ++m_pos;
            return true;
        }
        if (c < 0x20)
            return fail("control character in a string");
        if (c == '\\') {
            escaped = true;
            if (++m_pos >= size)
                break;
            switch (m_text[m_pos]) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                break;
            case 'u':
                for (int k = 1; k <= 4; ++k) {
                    if (m_pos + k >= size || hexDigitValue(data[m_pos + k]) < 0)
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
    if (m_pos < size && m_text[m_pos] == '-')
        ++m_pos;
    if (m_pos >= size || !isDigit(m_text[m_pos]))
        return fail("bad value");
    if (m_text[m_pos] == '0')
        ++m_pos;
    else
        while (m_pos < size && isDigit(m_text[m_pos]))
            ++m_pos;
    if (m_pos < size && m_text[m_pos] == '.') {
        ++m_pos;
        if (m_pos >= size || !isDigit(m_text[m_pos]))
            return fail("bad number");
        while (m_pos < size && isDigit(m_text[m_pos]))
            ++m_pos;
    }
    if (m_pos < size && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
        ++m_pos;
        if (m_pos < size && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
            ++m_pos;
        if (m_pos >= size || !isDigit(m_text[m_pos]))
            return fail("bad number");
        while (m_pos < size && isDigit(m_text[m_pos]))
            ++m_pos;
    }
    return true;
}

bool FlatJson::literal(QByteArrayView word)
{
    if (m_text.sliced(m_pos).startsWith(word)) {
        m_pos += word.size();
        return true;
    }
    return fail("bad value");
}

} // namespace sb
