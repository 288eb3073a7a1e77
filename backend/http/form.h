#pragma once

#include "shared/result.h"

#include <QList>
#include <QPair>
#include <QAnyStringView>
#include <QString>

namespace sb {

/// Decoded form fields in arrival order; a key may repeat (Twilio's StatusCallbackEvent does).
using FormFields = QList<QPair<QString, QString>>;

/// Parses `application/x-www-form-urlencoded`: `+` is a space, `%XX` a byte, text is UTF-8.
/// A bad escape, invalid UTF-8 or an empty key is an InvalidInput error; nothing is guessed.
Result<FormFields> parseForm(QByteArrayView body);

/// Encodes @p fields in the same format (what the simulator and the REST client send).
QByteArray encodeForm(const FormFields &fields);

/// The first value of @p key, or a null string when absent.
QString formValue(const FormFields &fields, QAnyStringView key);

} // namespace sb
