/* kts-import.c: reading transcript files into new documents.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-error.h"
#include "kts-import-private.h"
#include "kts-import.h"
#include "kts-item.h"

/* Larger transcript files are refused. */
#define MAX_TRANSCRIPT_SIZE ((goffset)256 * 1024 * 1024)

/* An extractor turns a file's bytes into UTF-8 text (not yet normalised),
 * adding warnings and the encoding to @result. Word and OpenDocument files
 * are read by kts-docx.c and kts-odt.c. */
typedef char *(*ExtractFunc) (GBytes          *bytes,
                              const char      *name,
                              KtsImportResult *result,
                              GError         **error);

static char *
extract_plain_text (GBytes *bytes, const char *name, KtsImportResult *result, GError **error)
{
  gsize         size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  g_autoptr (GError) local_error = NULL;
  KtsTextEncoding encoding = KTS_TEXT_ENCODING_UTF8;
  char           *text;

  text = kts_text_decode (data, size, &encoding, &local_error);
  if (text == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name,
                   local_error->message);
      return NULL;
    }

  result->encoding = encoding;
  if (encoding == KTS_TEXT_ENCODING_WINDOWS_1252)
    {
      guint n_undefined = 0;

      g_ptr_array_add (result->warnings,
                       g_strdup_printf (_ ("%s is not UTF-8; read it as Windows-1252 (Western "
                                           "European)."),
                                        name));
      for (gsize i = 0; i < size; i++)
        if (kts_text_windows_1252_is_undefined (data[i]))
          n_undefined++;
      if (n_undefined > 0)
        g_ptr_array_add (result->warnings,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%s: %u byte has no meaning in "
                                                       "Windows-1252 and was replaced with “�”.",
                                                       "%s: %u bytes have no meaning in "
                                                       "Windows-1252 and were replaced with “�”.",
                                                       n_undefined),
                                          name, n_undefined));
    }

  return text;
}

typedef struct
{
  const char *extension; /* lower case, with the dot */
  ExtractFunc extract;
} Format;

static const Format formats[] = {
  { ".txt", extract_plain_text },
  { ".docx", _kts_docx_extract },
  { ".odt", _kts_odt_extract },
};

static ExtractFunc
find_extractor (const char *name)
{
  const char      *dot = strrchr (name, '.');
  g_autofree char *ext = NULL;

  if (dot == NULL)
    return extract_plain_text;

  ext = g_ascii_strdown (dot, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (strcmp (ext, formats[i].extension) == 0)
        return formats[i].extract;
    }
  /* Anything else is tried as text; binary files are refused by decoding. */
  return extract_plain_text;
}

/* "s4.txt" → "s4"; a leading dot is part of the name (".notes" stays). */
static char *
title_from_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL || dot == name)
    return g_strdup (name);
  return g_strndup (name, dot - name);
}

static guint
count_replacements (const char *text)
{
  guint n = 0;

  for (const char *p = strstr (text, "\xEF\xBF\xBD"); p != NULL; p = strstr (p + 3, "\xEF\xBF\xBD"))
    n++;
  return n;
}

void
kts_import_result_free (KtsImportResult *result)
{
  if (result == NULL)
    return;

  g_clear_object (&result->document);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

KtsImportResult *
kts_import_transcript_bytes (GBytes               *bytes,
                             const char           *filename,
                             const char           *title,
                             const KtsSpeakerRole *overrides,
                             guint                 n_overrides,
                             GError              **error)
{
  g_autoptr (KtsImportResult) result = NULL;
  g_autoptr (KtsDocument) document = NULL;
  g_autoptr (GArray) speakers = NULL;
  g_autoptr (GArray) turns = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *default_title = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autofree char *guid = NULL;
  guint            n_replaced;
  ExtractFunc      extract;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (overrides != NULL || n_overrides == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  base = g_path_get_basename (filename);
  name = g_filename_display_name (base);

  if (g_bytes_get_size (bytes) > (gsize)MAX_TRANSCRIPT_SIZE)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                   _ ("%s is larger than 256 MiB, too large for a transcript."), name);
      return NULL;
    }

  result = g_new0 (KtsImportResult, 1);
  result->encoding = KTS_TEXT_ENCODING_UTF8;
  result->warnings = g_ptr_array_new_with_free_func (g_free);

  extract = find_extractor (name);
  raw = extract (bytes, name, result, error);
  if (raw == NULL)
    return NULL;

  n_replaced = count_replacements (raw);
  text = kts_text_normalize (raw);
  g_clear_pointer (&raw, g_free);
  if (kts_text_is_blank (text, -1))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_EMPTY, _ ("%s: the file contains no text."), name);
      return NULL;
    }

  n_replaced = count_replacements (text) - n_replaced;
  if (n_replaced > 0)
    g_ptr_array_add (result->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u control character cannot be kept in "
                                                   "a project file and was replaced with “�”.",
                                                   "%s: %u control characters cannot be kept in "
                                                   "a project file and were replaced with “�”.",
                                                   n_replaced),
                                      name, n_replaced));

  if (!kts_turns_detect (text, overrides, n_overrides, &speakers, &turns, error))
    {
      g_prefix_error (error, "%s: ", name);
      return NULL;
    }

  if (speakers->len == 0)
    g_ptr_array_add (result->warnings,
                     g_strdup_printf (_ ("%s: no speaker turns were recognised (such as "
                                         "“T: …” or “Client: …”); the text is one turn without "
                                         "a speaker."),
                                      name));

  for (guint i = 0; i < n_overrides; i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *folded = NULL;
      gboolean         used = FALSE;

      if (overrides[i].label == NULL)
        continue;
      label = g_strstrip (g_strdup (overrides[i].label));
      folded = g_utf8_casefold (label, -1);
      for (guint j = 0; j < speakers->len && !used; j++)
        {
          g_autofree char *other
              = g_utf8_casefold (g_array_index (speakers, KtsSpeaker, j).label, -1);

          used = strcmp (folded, other) == 0;
        }
      if (!used)
        g_ptr_array_add (result->warnings,
                         g_strdup_printf (_ ("%s: no speaker is labelled “%s”, so its role was "
                                             "not used."),
                                          name, label));
    }

  if (title == NULL)
    title = default_title = title_from_name (name);

  guid = kts_guid_new ();
  document = kts_document_new (guid, title, text);
  g_object_set (document, "source-name", name, NULL);
  if (!kts_document_set_turns (document, (const KtsSpeaker *)(gconstpointer)speakers->data,
                               speakers->len, (const KtsTurn *)(gconstpointer)turns->data,
                               turns->len, error))
    {
      g_prefix_error (error, "%s: ", name);
      return NULL;
    }

  result->document = g_steal_pointer (&document);
  return g_steal_pointer (&result);
}

/* Reads at most MAX_TRANSCRIPT_SIZE bytes of @file. */
static GBytes *
read_file (GFile *file, const char *name, GError **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GByteArray) buffer = NULL;
  g_autoptr (GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_IO, _ ("Could not read %s: %s"), name,
                   local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_IO, _ ("Could not read %s: it is a folder."), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > MAX_TRANSCRIPT_SIZE)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                   _ ("%s is larger than 256 MiB, too large for a transcript."), name);
      return NULL;
    }

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_IO, _ ("Could not read %s: %s"), name,
                   local_error->message);
      return NULL;
    }

  /* The size may change while we read, and special files have none. */
  buffer = g_byte_array_sized_new ((guint)g_file_info_get_size (info) + 1);
  for (;;)
    {
      guint8 chunk[64 * 1024];
      gssize n
          = g_input_stream_read (G_INPUT_STREAM (stream), chunk, sizeof chunk, NULL, &local_error);

      if (n < 0)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_IO, _ ("Could not read %s: %s"), name,
                       local_error->message);
          return NULL;
        }
      if (n == 0)
        break;
      if ((goffset)buffer->len + n > MAX_TRANSCRIPT_SIZE)
        {
          g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                       _ ("%s is larger than 256 MiB, too large for a transcript."), name);
          return NULL;
        }
      g_byte_array_append (buffer, chunk, (guint)n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

KtsImportResult *
kts_import_transcript (GFile                *file,
                       const char           *title,
                       const KtsSpeakerRole *overrides,
                       guint                 n_overrides,
                       GError              **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (overrides != NULL || n_overrides == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  base = g_file_get_basename (file);
  if (base == NULL)
    base = g_file_get_uri (file);
  name = g_filename_display_name (base);

  bytes = read_file (file, name, error);
  if (bytes == NULL)
    return NULL;

  return kts_import_transcript_bytes (bytes, base, title, overrides, n_overrides, error);
}
