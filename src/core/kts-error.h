/* kts-error.h: the one error domain of Kintsugi.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KTS_ERROR (kts_error_quark ())

/**
 * KtsError:
 * @KTS_ERROR_FAILED: anything not covered below
 * @KTS_ERROR_INVALID_ARGUMENT: an operation was asked to do something impossible
 *   (a coding outside its document, a code that does not exist, …)
 * @KTS_ERROR_NOT_FOUND: a named thing (document, code, episode) does not exist
 * @KTS_ERROR_PARSE: a file is not well-formed or not of the expected kind
 * @KTS_ERROR_INVALID_FILE: a well-formed file breaks the format's rules
 *   (schema, dangling or duplicate identifiers)
 * @KTS_ERROR_NEWER_VERSION: a file was written by a newer Kintsugi
 * @KTS_ERROR_TOO_LARGE: input exceeds a safety limit
 * @KTS_ERROR_UNSAFE: input tries something we refuse (entities, DTDs,
 *   path traversal in archives)
 * @KTS_ERROR_ENCODING: text whose encoding cannot be read
 * @KTS_ERROR_EMPTY: input with nothing in it
 * @KTS_ERROR_BINARY: input that is not text
 * @KTS_ERROR_IO: reading or writing a file failed
 */
typedef enum
{
  KTS_ERROR_FAILED,
  KTS_ERROR_INVALID_ARGUMENT,
  KTS_ERROR_NOT_FOUND,
  KTS_ERROR_PARSE,
  KTS_ERROR_INVALID_FILE,
  KTS_ERROR_NEWER_VERSION,
  KTS_ERROR_TOO_LARGE,
  KTS_ERROR_UNSAFE,
  KTS_ERROR_ENCODING,
  KTS_ERROR_EMPTY,
  KTS_ERROR_BINARY,
  KTS_ERROR_IO,
} KtsError;

GQuark kts_error_quark (void);

G_END_DECLS
