/* kts-bench-office.c: times importing a ~1,000-page .docx (and .odt) transcript made in memory.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: kts-bench-office [--paragraphs N] [--rounds N]
 * Builds a Word document of N paragraphs (default 40,000: about 1,000 pages)
 * of T:/C: turns, each split into runs with mixed formatting, proofing marks
 * and bookmarks as Word writes them, zips it with libarchive, and imports it
 * with kts_import_transcript_bytes(); then the same text as an OpenDocument
 * file. Prints the best and the median time of the rounds.
 */
#define G_LOG_DOMAIN "kts-bench"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kts-import.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

static const char *const words[] = {
  "I",     "don’t", "know",   "what",  "to",     "say",       "about", "that", "it",
  "felt",  "like",  "nobody", "was",   "really", "listening", "when",  "you",  "said",
  "Grüße", "maybe", "we",     "could", "go",     "back",      "to",    "the",  "moment",
};

static void
append_sentence (GString *out, GRand *rand, guint n_words)
{
  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  g_string_append_c (out, '.');
}

/* One paragraph's text: "[hh:mm:ss] T: sentence sentence …" */
static char *
make_turn (GRand *rand, guint index)
{
  GString *text = g_string_new (NULL);
  guint    seconds = index * 7;

  g_string_append_printf (text, "[%02u:%02u:%02u] %s: ", seconds / 3600, seconds / 60 % 60,
                          seconds % 60, index % 2 == 0 ? "T" : "C");
  for (guint s = 0, n = (guint)g_rand_int_range (rand, 2, 5); s < n; s++)
    {
      if (s > 0)
        g_string_append_c (text, ' ');
      append_sentence (text, rand, (guint)g_rand_int_range (rand, 6, 14));
    }
  return g_string_free (text, FALSE);
}

static void
append_escaped (GString *out, const char *text, gsize len)
{
  g_autofree char *escaped = g_markup_escape_text (text, (gssize)len);

  g_string_append (out, escaped);
}

/* Splits @text into runs of 5 to 40 bytes (at character boundaries, often
 * inside words) with alternating formatting, as Word leaves text after
 * editing. */
static void
append_docx_paragraph (GString *xml, GRand *rand, const char *text, guint index)
{
  const char *p = text;
  const char *end = text + strlen (text);
  guint       run = 0;

  g_string_append (xml, "<w:p w:rsidR=\"00A1B2C3\" w:rsidRDefault=\"00A1B2C3\"><w:pPr>"
                        "<w:spacing w:after=\"120\"/><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr>"
                        "</w:pPr>");
  if (index % 50 == 0)
    g_string_append_printf (xml, "<w:bookmarkStart w:id=\"%u\" w:name=\"b%u\"/>", index, index);
  while (p < end)
    {
      const char *q = p + g_rand_int_range (rand, 5, 40);
      gboolean    preserve;

      if (q > end)
        q = end;
      while (q < end && ((guchar)*q & 0xC0) == 0x80)
        q++;
      preserve = p[0] == ' ' || q[-1] == ' ';
      g_string_append (xml, "<w:r w:rsidR=\"00D4E5F6\">");
      switch (run++ % 4)
        {
        case 1:
          g_string_append (xml, "<w:rPr><w:b/><w:bCs/></w:rPr>");
          break;
        case 3:
          g_string_append (xml, "<w:rPr><w:i/><w:iCs/><w:lang w:val=\"de-DE\"/></w:rPr>");
          break;
        default:
          g_string_append (xml, "<w:rPr><w:rFonts w:ascii=\"Calibri\"/></w:rPr>");
          break;
        }
      g_string_append (xml, preserve ? "<w:t xml:space=\"preserve\">" : "<w:t>");
      append_escaped (xml, p, q - p);
      g_string_append (xml, "</w:t></w:r>");
      if (run % 5 == 0)
        g_string_append (xml, "<w:proofErr w:type=\"spellStart\"/>");
      p = q;
    }
  if (index % 50 == 0)
    g_string_append_printf (xml, "<w:bookmarkEnd w:id=\"%u\"/>", index);
  g_string_append (xml, "</w:p>");
}

static la_ssize_t
write_cb (struct archive *a, void *data, const void *buffer, size_t length)
{
  g_byte_array_append (data, buffer, (guint)length);
  return (la_ssize_t)length;
}

static GBytes *
zip_parts (const char *const *names, GString *const *parts, guint n)
{
  GByteArray     *out = g_byte_array_new ();
  struct archive *a = archive_write_new ();

  archive_write_set_format_zip (a);
  archive_write_set_options (a, "zip:compression=deflate");
  if (archive_write_open (a, out, NULL, write_cb, NULL) != ARCHIVE_OK)
    g_error ("cannot write a zip: %s", archive_error_string (a));
  for (guint i = 0; i < n; i++)
    {
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, names[i]);
      archive_entry_set_size (entry, (la_int64_t)parts[i]->len);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      if (archive_write_header (a, entry) != ARCHIVE_OK
          || archive_write_data (a, parts[i]->str, parts[i]->len) != (la_ssize_t)parts[i]->len)
        g_error ("cannot write a zip: %s", archive_error_string (a));
      archive_entry_free (entry);
    }
  archive_write_close (a);
  archive_write_free (a);
  return g_byte_array_free_to_bytes (out);
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
time_import (GBytes *bytes, const char *name, guint rounds, guint n_paragraphs)
{
  g_autofree double *seconds = g_new (double, rounds);
  guint              n_turns = 0;
  gsize              text_size = 0;

  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KtsImportResult) result = NULL;
      gint64 start = g_get_monotonic_time ();

      result = kts_import_transcript_bytes (bytes, name, NULL, NULL, 0, &error);
      seconds[r] = (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC;
      if (result == NULL)
        g_error ("%s: %s", name, error->message);
      n_turns = kts_document_get_n_turns (result->document);
      text_size = kts_document_get_text_size (result->document);
    }
  if (n_turns != n_paragraphs)
    g_error ("%s: %u turns, expected %u", name, n_turns, n_paragraphs);

  qsort (seconds, rounds, sizeof (double), compare_double);
  printf ("%-20s %6.1f MiB zip, %6.1f MiB text, %u turns: best %.3f s, median %.3f s\n", name,
          g_bytes_get_size (bytes) / 1048576.0, text_size / 1048576.0, n_turns, seconds[0],
          seconds[rounds / 2]);
}

int
main (int argc, char *argv[])
{
  int          n_paragraphs = 40000;
  int          rounds = 3;
  GOptionEntry entries[] = {
    { "paragraphs", 0, 0, G_OPTION_ARG_INT, &n_paragraphs, "Paragraphs (turns) to make", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Times to import each file", "N" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- time .docx/.odt import");
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (2024);
  g_autoptr (GString) document = g_string_new (NULL);
  g_autoptr (GString) content = g_string_new (NULL);
  g_autoptr (GString) mimetype = g_string_new ("application/vnd.oasis.opendocument.text");
  g_autoptr (GBytes) docx = NULL;
  g_autoptr (GBytes) odt = NULL;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_paragraphs < 1 || rounds < 1)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "bad arguments");
      return 2;
    }

  start = g_get_monotonic_time ();
  g_string_append (document, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                             "<w:document xmlns:w=\"" W_NS "\"><w:body>");
  g_string_append (content, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content "
                            "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                            "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"
                            "<office:body><office:text>");
  for (int i = 0; i < n_paragraphs; i++)
    {
      g_autofree char *turn = make_turn (rand, (guint)i);
      g_auto (GStrv) parts = g_strsplit (turn, "  ", -1);

      append_docx_paragraph (document, rand, turn, (guint)i);
      g_string_append (content, "<text:p text:style-name=\"P1\">");
      for (guint k = 0; parts[k] != NULL; k++)
        {
          if (k > 0)
            g_string_append (content, " <text:s/>");
          g_string_append (content, "<text:span text:style-name=\"T1\">");
          append_escaped (content, parts[k], strlen (parts[k]));
          g_string_append (content, "</text:span>");
        }
      g_string_append (content, "</text:p>\n");
    }
  g_string_append (document, "</w:body></w:document>");
  g_string_append (content, "</office:text></office:body></office:document-content>");

  {
    g_autoptr (GString) types = g_string_new (
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas."
        "openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" "
        "ContentType=\"application/xml\"/></Types>");
    g_autoptr (GString) styles = g_string_new ("<w:styles xmlns:w=\"" W_NS "\">");
    g_autoptr (GString) header = g_string_new (NULL);
    const char *names[]
        = { "[Content_Types].xml", "word/styles.xml", "word/document.xml", "word/header1.xml" };
    GString *parts[] = { types, styles, document, header };

    /* Parts before and after the document, as in real files. */
    for (int i = 0; i < 500; i++)
      g_string_append_printf (styles,
                              "<w:style w:type=\"paragraph\" w:styleId=\"S%d\"><w:name "
                              "w:val=\"Style %d\"/><w:rPr><w:sz w:val=\"%d\"/></w:rPr></w:style>",
                              i, i, 16 + i % 20);
    g_string_append (styles, "</w:styles>");
    g_string_append (header, "<w:hdr xmlns:w=\"" W_NS "\"><w:p><w:r><w:t>Session 1</w:t></w:r>"
                             "</w:p></w:hdr>");
    docx = zip_parts (names, parts, G_N_ELEMENTS (parts));
  }
  {
    const char *names[] = { "mimetype", "content.xml" };
    GString    *parts[] = { mimetype, content };

    odt = zip_parts (names, parts, 2);
  }
  printf ("made %d paragraphs (word/document.xml %.1f MiB) in %.2f s\n", n_paragraphs,
          document->len / 1048576.0, (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC);

  time_import (docx, "bench.docx", (guint)rounds, (guint)n_paragraphs);
  time_import (odt, "bench.odt", (guint)rounds, (guint)n_paragraphs);
  return 0;
}
