/* kts-text.c: transcript text in: decoding raw bytes to UTF-8 and normalising it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-text"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-error.h"
#include "kts-import.h"

#define REPLACEMENT_UTF8 "\xEF\xBF\xBD" /* U+FFFD */

/* Windows-1252 0x80–0x9F. The five bytes the code page leaves undefined map
 * to U+FFFD; 0xA0–0xFF are the same as Latin-1. */
static const gunichar windows_1252_high[32] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
  0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
  0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

/* A file is binary, not text, when more than 1 in 20 of its characters are
 * control characters that text files do not use. */
#define BINARY_CONTROL_RATIO 20

static gunichar
windows_1252_to_unichar (guint8 byte)
{
  if (byte >= 0x80 && byte < 0xA0)
    return windows_1252_high[byte - 0x80];
  return byte;
}

gboolean
kts_text_windows_1252_is_undefined (guint8 byte)
{
  return byte == 0x81 || byte == 0x8D || byte == 0x8F || byte == 0x90 || byte == 0x9D;
}

static char *
decode_windows_1252 (const guint8 *data, gsize size)
{
  GString *out = g_string_sized_new (size + size / 8);

  for (gsize i = 0; i < size; i++)
    {
      if (data[i] < 0x80)
        g_string_append_c (out, (char)data[i]);
      else
        g_string_append_unichar (out, windows_1252_to_unichar (data[i]));
    }

  return g_string_free (out, FALSE);
}

static char *
decode_utf16 (const guint8 *data, gsize size, gboolean big_endian, guint *n_nul, GError **error)
{
  g_autoptr (GString) out = NULL;
  gsize i = 2; /* after the byte-order mark */

  g_assert (size >= 2);

  if (size % 2 != 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_ENCODING,
                   _ ("The text is not valid UTF-16: it has an odd number of bytes, so the "
                      "last character (at byte %lu) is cut off."),
                   (gulong)(size - 1));
      return NULL;
    }

  out = g_string_sized_new (size);
  *n_nul = 0;

  while (i < size)
    {
      gunichar unit, c;

      if (big_endian)
        unit = (gunichar)data[i] << 8 | data[i + 1];
      else
        unit = (gunichar)data[i + 1] << 8 | data[i];

      if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          gunichar low = 0;

          if (i + 4 <= size)
            {
              if (big_endian)
                low = (gunichar)data[i + 2] << 8 | data[i + 3];
              else
                low = (gunichar)data[i + 3] << 8 | data[i + 2];
            }
          if (low < 0xDC00 || low > 0xDFFF)
            {
              g_set_error (error, KTS_ERROR, KTS_ERROR_ENCODING,
                           _ ("The text is not valid UTF-16: a high surrogate at byte %lu is not "
                              "followed by a low surrogate."),
                           (gulong)i);
              return NULL;
            }
          c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
          i += 4;
        }
      else if (unit >= 0xDC00 && unit <= 0xDFFF)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_ENCODING,
                       _ ("The text is not valid UTF-16: a low surrogate at byte %lu has no high "
                          "surrogate before it."),
                       (gulong)i);
          return NULL;
        }
      else
        {
          c = unit;
          i += 2;
        }

      /* A C string cannot hold U+0000; normalisation would replace it anyway. */
      if (c == 0)
        {
          c = 0xFFFD;
          (*n_nul)++;
        }
      g_string_append_unichar (out, c);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_binary_control (gunichar c)
{
  if (c < 0x20)
    return c != '\t' && c != '\n' && c != '\r' && c != '\f';
  return c == 0x7F || (c >= 0x80 && c < 0xA0);
}

gboolean
kts_text_is_blank (const char *text, gssize size)
{
  const char *end;

  g_return_val_if_fail (text != NULL, TRUE);

  end = text + (size < 0 ? strlen (text) : (gsize)size);
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0xFEFF && c != 0x200B)
        return FALSE;
    }
  return TRUE;
}

/* Refuses decoded text that is empty, blank or mostly control characters. */
static gboolean
check_text (const char *text, guint n_extra_controls, GError **error)
{
  guint64 n_chars = 0, n_controls = n_extra_controls;

  if (text[0] == '\0')
    {
      g_set_error_literal (error, KTS_ERROR, KTS_ERROR_EMPTY, _ ("The file contains no text."));
      return FALSE;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      n_chars++;
      if (is_binary_control (g_utf8_get_char (p)))
        n_controls++;
    }

  if (n_controls * BINARY_CONTROL_RATIO > n_chars)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_BINARY,
                   _ ("The file does not look like plain text (%lu of its %lu characters are "
                      "control characters). Save it as a .txt file and try again."),
                   (gulong)n_controls, (gulong)n_chars);
      return FALSE;
    }

  if (kts_text_is_blank (text, -1))
    {
      g_set_error_literal (error, KTS_ERROR, KTS_ERROR_EMPTY,
                           _ ("The file contains only white space."));
      return FALSE;
    }

  return TRUE;
}

char *
kts_text_decode (const guint8 *data, gsize size, KtsTextEncoding *encoding, GError **error)
{
  g_autofree char *text = NULL;
  KtsTextEncoding  found;
  guint            n_nul = 0;
  const char      *end = NULL;

  g_return_val_if_fail (data != NULL || size == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (size == 0)
    {
      g_set_error_literal (error, KTS_ERROR, KTS_ERROR_EMPTY, _ ("The file is empty."));
      return NULL;
    }

  if ((size >= 4 && memcmp (data, "\xFF\xFE\0\0", 4) == 0)
      || (size >= 4 && memcmp (data, "\0\0\xFE\xFF", 4) == 0))
    {
      g_set_error_literal (error, KTS_ERROR, KTS_ERROR_ENCODING,
                           _ ("The text is in UTF-32, which Kintsugi cannot read. Save it as "
                              "UTF-8 and try again."));
      return NULL;
    }

  if (size >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      gboolean big_endian = data[0] == 0xFE;

      found = big_endian ? KTS_TEXT_ENCODING_UTF16BE : KTS_TEXT_ENCODING_UTF16LE;
      text = decode_utf16 (data, size, big_endian, &n_nul, error);
      if (text == NULL)
        return NULL;
    }
  else
    {
      const guint8 *nul = memchr (data, '\0', size);
      gsize         skip = 0;

      if (nul != NULL)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_BINARY,
                       _ ("The file contains NUL bytes (the first at byte %lu), so it is not "
                          "plain text. Save it as a .txt file in UTF-8 and try again."),
                       (gulong)(nul - data));
          return NULL;
        }

      if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;

      if (g_utf8_validate ((const char *)data + skip, size - skip, &end))
        {
          found = skip > 0 ? KTS_TEXT_ENCODING_UTF8_BOM : KTS_TEXT_ENCODING_UTF8;
          text = g_strndup ((const char *)data + skip, size - skip);
        }
      else if (skip > 0)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_ENCODING,
                       _ ("The text is marked as UTF-8 but is not valid UTF-8 at byte %lu."),
                       (gulong)((const guint8 *)end - data));
          return NULL;
        }
      else
        {
          found = KTS_TEXT_ENCODING_WINDOWS_1252;
          text = decode_windows_1252 (data, size);
        }
    }

  if (!check_text (text, n_nul, error))
    return NULL;

  if (encoding != NULL)
    *encoding = found;
  return g_steal_pointer (&text);
}

/* Bytes that start something normalisation changes: CR, other C0 controls
 * than TAB and LF, and the lead byte of U+FFFE/U+FFFF. */
static inline gboolean
is_special_byte (guchar c)
{
  return (c < 0x20 && c != '\t' && c != '\n') || c == 0xEF;
}

char *
kts_text_normalize (const char *text)
{
  g_autofree char *valid = NULL;
  GString         *out;
  const char      *p, *run;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  out = g_string_sized_new (strlen (text));
  p = run = text;
  while (*p != '\0')
    {
      guchar c = (guchar)*p;

      if (!is_special_byte (c))
        {
          p++;
          continue;
        }

      if (c == 0xEF)
        {
          /* U+FFFE is EF BF BE, U+FFFF is EF BF BF. */
          if ((guchar)p[1] == 0xBF && ((guchar)p[2] == 0xBE || (guchar)p[2] == 0xBF))
            {
              g_string_append_len (out, run, p - run);
              g_string_append (out, REPLACEMENT_UTF8);
              p += 3;
              run = p;
            }
          else
            p++;
          continue;
        }

      g_string_append_len (out, run, p - run);
      if (c == '\r')
        {
          g_string_append_c (out, '\n');
          p++;
          if (*p == '\n')
            p++;
        }
      else
        {
          g_string_append (out, REPLACEMENT_UTF8);
          p++;
        }
      run = p;
    }
  g_string_append_len (out, run, p - run);

  return g_string_free (out, FALSE);
}

const char *
kts_text_encoding_get_name (KtsTextEncoding encoding)
{
  switch (encoding)
    {
    case KTS_TEXT_ENCODING_UTF8:
      return "UTF-8";
    case KTS_TEXT_ENCODING_UTF8_BOM:
      return "UTF-8 (BOM)";
    case KTS_TEXT_ENCODING_UTF16LE:
      return "UTF-16LE";
    case KTS_TEXT_ENCODING_UTF16BE:
      return "UTF-16BE";
    case KTS_TEXT_ENCODING_WINDOWS_1252:
      return "Windows-1252";
    default:
      g_return_val_if_reached (NULL);
    }
}
