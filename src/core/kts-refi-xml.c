/* kts-refi-xml.c: safe XML reading and small value helpers (GUIDs, colours,
 * times) for REFI-QDA files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-refi"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <string.h>

#include "kts-error.h"
#include "kts-refi-private.h"

/* libxml2's own limit goes with XML_PARSE_HUGE (needed for inline texts over
 * 10 MB), so we keep one of our own. */
#define MAX_ELEMENT_DEPTH 256

typedef struct
{
  long     line;
  char    *message;
  gboolean too_deep;
} ParseState;

static void
parse_error_cb (void *user_data, xmlErrorPtr err)
{
  xmlParserCtxtPtr ctxt = user_data;
  ParseState      *state = ctxt->_private;

  if (err == NULL || err->level < XML_ERR_ERROR || state->message != NULL)
    return;
  state->line = err->line;
  state->message = g_utf8_make_valid (err->message != NULL ? err->message : "", -1);
  g_strstrip (state->message);
}

static void
start_element_cb (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = ctx;

  if (ctxt->nodeNr >= MAX_ELEMENT_DEPTH)
    {
      ParseState *state = ctxt->_private;

      if (state->message == NULL)
        {
          state->line = ctxt->input != NULL ? ctxt->input->line : 0;
          state->message
              = g_strdup_printf (_ ("elements are nested more than %d deep"), MAX_ELEMENT_DEPTH);
          state->too_deep = TRUE;
        }
      xmlStopParser (ctxt);
      return;
    }
  xmlSAX2StartElementNs (ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                         nb_defaulted, attributes);
}

static char *
where (const char *filename, long line)
{
  if (line <= 0)
    return g_strdup (filename != NULL ? filename : _ ("the file"));
  if (filename == NULL)
    /* Translators: a place in a file without a name */
    return g_strdup_printf (_ ("line %ld"), line);
  /* Translators: a place in a file: "project.qde, line 12" */
  return g_strdup_printf (_ ("%s, line %ld"), filename, line);
}

static void
set_error_at (GError **error, int code, const char *filename, long line, const char *format, ...)
    G_GNUC_PRINTF (5, 6);

static void
set_error_at (GError **error, int code, const char *filename, long line, const char *format, ...)
{
  g_autofree char *what = NULL;
  g_autofree char *place = where (filename, line);
  va_list          args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, KTS_ERROR, code, "%s: %s", place, what);
}

static long
count_lines (const char *start, const char *p)
{
  long line = 1;

  for (const char *q = start; q < p; q++)
    line += *q == '\n';
  return line;
}

static gboolean
starts_with (const char *p, const char *end, const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize)(end - p) >= n && memcmp (p, prefix, n) == 0;
}

static const char *
find (const char *p, const char *end, const char *needle)
{
  gsize n = strlen (needle);

  while ((gsize)(end - p) >= n)
    {
      p = memchr (p, needle[0], (gsize)(end - p) - n + 1);
      if (p == NULL)
        return NULL;
      if (memcmp (p, needle, n) == 0)
        return p;
      p++;
    }
  return NULL;
}

/* The encoding named in the XML declaration at the start of @data, or NULL. */
static char *
declared_encoding (const char *data, gsize size)
{
  const char *end = data + MIN (size, 512);
  const char *close;
  const char *enc;
  const char *value;
  const char *value_end;
  char        quote;

  if (!starts_with (data, end, "<?xml"))
    return NULL;
  close = find (data, end, "?>");
  if (close == NULL)
    return NULL;
  enc = find (data, close, "encoding");
  if (enc == NULL)
    return NULL;
  enc += strlen ("encoding");
  while (enc < close && (g_ascii_isspace (*enc) || *enc == '='))
    enc++;
  if (enc >= close || (*enc != '"' && *enc != '\''))
    return NULL;
  quote = *enc++;
  value = enc;
  value_end = memchr (value, quote, (gsize)(close - value));
  if (value_end == NULL || value_end == value)
    return NULL;
  return g_strndup (value, (gsize)(value_end - value));
}

/* Everything before the root element: a document type declaration is refused
 * before libxml2 sees it, so no entity can be declared, expanded or fetched. */
static gboolean
check_prolog (const char *data, gsize size, const char *filename, GError **error)
{
  const char *p = data;
  const char *end = data + size;

  while (p < end)
    {
      const char *close;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (starts_with (p, end, "<!--"))
        {
          close = find (p + 4, end, "-->");
          if (close == NULL)
            return TRUE; /* libxml2 will say what is wrong */
          p = close + 3;
          continue;
        }
      if (starts_with (p, end, "<?"))
        {
          close = find (p + 2, end, "?>");
          if (close == NULL)
            return TRUE;
          p = close + 2;
          continue;
        }
      if (starts_with (p, end, "<!"))
        {
          set_error_at (error, KTS_ERROR_UNSAFE, filename, count_lines (data, p), "%s",
                        _ ("document type declarations and entities are not allowed"));
          return FALSE;
        }
      return TRUE;
    }
  return TRUE;
}

xmlDoc *
_kts_refi_parse_xml (GBytes *bytes, const char *filename, gsize max_size, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *converted = NULL;
  xmlParserCtxtPtr ctxt;
  ParseState       state = { 0 };
  const char      *data;
  gsize            size;
  xmlDoc          *doc;
  const char      *name = filename != NULL ? filename : _ ("the file");

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > max_size)
    {
      g_autofree char *limit = g_format_size (max_size);

      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                   /* Translators: a file name and a size such as "64.0 MB" */
                   _ ("%s: the file is larger than %s"), name, limit);
      return NULL;
    }
  if (size == 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_EMPTY, _ ("%s: the file is empty"), name);
      return NULL;
    }

  /* Everything is parsed as UTF-8: UTF-16 with a byte order mark and other
   * declared encodings are converted first. */
  if (size >= 2
      && (((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE)
          || ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF)))
    {
      const char *from = (guchar)data[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
      gsize       written = 0;

      converted
          = g_convert (data + 2, (gssize)size - 2, "UTF-8", from, NULL, &written, &local_error);
      if (converted == NULL)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_ENCODING,
                       _ ("%s: the file is not valid UTF-16: %s"), name, local_error->message);
          return NULL;
        }
      data = converted;
      size = written;
    }
  else
    {
      if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        {
          data += 3;
          size -= 3;
        }
      if (!g_utf8_validate (data, (gssize)size, NULL))
        {
          g_autofree char *encoding = declared_encoding (data, size);
          gsize            written = 0;

          if (encoding != NULL && g_ascii_strcasecmp (encoding, "UTF-8") != 0
              && g_ascii_strcasecmp (encoding, "UTF8") != 0)
            converted = g_convert (data, (gssize)size, "UTF-8", encoding, NULL, &written, NULL);
          if (converted == NULL)
            {
              const char *bad = NULL;

              g_utf8_validate (data, (gssize)size, &bad);
              set_error_at (error, KTS_ERROR_ENCODING, filename, count_lines (data, bad), "%s",
                            _ ("the file is not in UTF-8"));
              return NULL;
            }
          data = converted;
          size = written;
        }
    }

  if (size > G_MAXINT)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE, _ ("%s: the file is too large"), name);
      return NULL;
    }
  if (!check_prolog (data, size, filename, error))
    return NULL;

  ctxt = xmlCreateMemoryParserCtxt (data, (int)size);
  if (ctxt == NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_FAILED, _ ("%s: could not start the XML parser"),
                   name);
      return NULL;
    }
  /* No DTD loading, no network, no entity substitution. IGNORE_ENC: the
   * bytes are UTF-8 by now whatever the declaration says. */
  xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_HUGE
                               | XML_PARSE_IGNORE_ENC | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  ctxt->_private = &state;
  ctxt->sax->serror = parse_error_cb;
  ctxt->sax->startElementNs = start_element_cb;
  ctxt->sax->initialized = XML_SAX2_MAGIC;

  xmlParseDocument (ctxt);
  doc = ctxt->myDoc;
  ctxt->myDoc = NULL;

  if (state.message != NULL || !ctxt->wellFormed || doc == NULL)
    {
      g_autofree char *message = state.message;

      if (state.too_deep)
        set_error_at (error, KTS_ERROR_TOO_LARGE, filename, state.line, "%s", message);
      else
        set_error_at (error, KTS_ERROR_PARSE, filename, MAX (state.line, 1),
                      /* Translators: %s is the XML parser's own (English) message */
                      _ ("not a well-formed XML file: %s"),
                      message != NULL ? message : _ ("unknown error"));
      g_clear_pointer (&doc, xmlFreeDoc);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);

  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      set_error_at (error, KTS_ERROR_UNSAFE, filename, 1, "%s",
                    _ ("document type declarations and entities are not allowed"));
      xmlFreeDoc (doc);
      return NULL;
    }
  return doc;
}

long
_kts_refi_node_line (xmlNode *node)
{
  return node != NULL ? xmlGetLineNo (node) : 0;
}

gboolean
_kts_refi_is (xmlNode *node, const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE
         && strcmp ((const char *)node->name, name) == 0;
}

xmlNode *
_kts_refi_element (xmlNode *node)
{
  while (node != NULL && node->type != XML_ELEMENT_NODE)
    node = node->next;
  return node;
}

char *
_kts_refi_attr (xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *)name);
  char    *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *)value);
  xmlFree (value);
  return copy;
}

char *
_kts_refi_text (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char    *copy = g_strdup (value != NULL ? (const char *)value : "");

  xmlFree (value);
  return copy;
}

char *
_kts_refi_where (const char *filename, xmlNode *node)
{
  return where (filename, _kts_refi_node_line (node));
}

char *
_kts_refi_normalize_guid (const char *raw)
{
  g_autofree char *copy = NULL;
  gsize            len;

  if (raw == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (raw));
  len = strlen (copy);
  if (len == 38 && copy[0] == '{' && copy[37] == '}')
    {
      memmove (copy, copy + 1, 36);
      copy[36] = '\0';
    }
  if (!kts_guid_is_valid (copy))
    return NULL;
  return g_ascii_strdown (copy, -1);
}

char *
_kts_refi_derived_guid (const char *kind, const char *name)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize  len = sizeof digest;

  g_checksum_update (checksum, (const guchar *)"kintsugi-refi:", -1);
  g_checksum_update (checksum, (const guchar *)kind, -1);
  g_checksum_update (checksum, (const guchar *)":", -1);
  g_checksum_update (checksum, (const guchar *)name, -1);
  g_checksum_get_digest (checksum, digest, &len);
  /* Shaped as a name-based (version 5) UUID. */
  digest[6] = (guint8)((digest[6] & 0x0F) | 0x50);
  digest[8] = (guint8)((digest[8] & 0x3F) | 0x80);
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

char *
_kts_refi_normalize_color (const char *raw)
{
  g_autofree char *copy = NULL;
  const char      *hex;
  gsize            len;

  if (raw == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (raw));
  hex = copy[0] == '#' ? copy + 1 : copy;
  len = strlen (hex);
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (hex[i]))
      return NULL;
  if (len == 6)
    {
      char color[8] = { '#', hex[0], hex[1], hex[2], hex[3], hex[4], hex[5], '\0' };

      return g_ascii_strdown (color, -1);
    }
  if (len == 3)
    {
      char color[8] = { '#', hex[0], hex[0], hex[1], hex[1], hex[2], hex[2], '\0' };

      return g_ascii_strdown (color, -1);
    }
  return NULL;
}

const char *
_kts_refi_palette_color (guint index)
{
  /* Distinct, mid-light colours that keep dark text readable. */
  static const char *const palette[] = {
    "#8ecae6", "#ffb703", "#95d5b2", "#f4a261", "#cdb4db", "#e9c46a",
    "#90be6d", "#f28482", "#a2d2ff", "#ffc8dd", "#b5e48c", "#d4a373",
  };

  return palette[index % G_N_ELEMENTS (palette)];
}

char *
_kts_refi_format_time (gint64 unix_time)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  if (time == NULL)
    return NULL;
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

gint64
_kts_refi_parse_time (const char *text)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) time = NULL;

  if (text == NULL)
    return -1;
  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL)
    return -1;
  return g_date_time_to_unix (time);
}

/* @text with every character XML 1.0 cannot carry replaced by U+FFFD. */
static char *
xml_safe (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString         *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
        g_string_append (out, "\xEF\xBF\xBD");
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

void
_kts_refi_write_element (xmlTextWriter *writer, const char *name, const char *text)
{
  g_autofree char *safe = xml_safe (text != NULL ? text : "");

  xmlTextWriterWriteElement (writer, (const xmlChar *)name, (const xmlChar *)safe);
}

void
_kts_refi_write_attribute (xmlTextWriter *writer, const char *name, const char *value)
{
  g_autofree char *safe = NULL;

  if (value == NULL)
    return;
  safe = xml_safe (value);
  xmlTextWriterWriteAttribute (writer, (const xmlChar *)name, (const xmlChar *)safe);
}
