/* kts-report.c: the project report: one self-contained, printable HTML file.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is appended to one GString in a single pass over the project:
 * codings are grouped by code once, so a project with tens of thousands of
 * codings is written in well under a second. The maps are drawn by the map
 * painter on cairo SVG surfaces (text as glyph outlines), wrapped into rows
 * at phase boundaries as on a poster, one <svg> per row so that a printed
 * page can break between rows; the glyph outlines are shared by all maps.
 */
#define G_LOG_DOMAIN "kts-map"

#include "config.h"

#include <cairo-svg.h>
#include <math.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kts-map-painter.h"
#include "kts-map-rows.h"
#include "kts-poster.h"
#include "kts-report.h"
#include "kts-svg-private.h"

/* The width of a map row in layout units. Printed across A4 landscape
 * (273 mm between the margins) this is 1.07 pt per unit, so the smallest
 * text of a card (6.5 units) prints at 7 pt, the floor that posters keep. */
#define MAP_WIDTH 720.0
/* The tallest piece of a row in one <svg>: what fits on a landscape page
 * (186 mm between the margins, 490 units). */
#define MAP_PART_HEIGHT 470.0

typedef struct
{
  KtsProject             *project;
  const KtsReportOptions *options;
  char                   *date;
  GString                *out;
  GPtrArray              *codes;    /* KtsCode in depth-first pre-order */
  GHashTable             *index;    /* KtsCode → position in @codes + 1 */
  GPtrArray             **segments; /* per code: its KtsCoding in transcript order */
  guint                  *direct;   /* codings per code */
  guint                  *total;    /* codings per code and its sub-codes */
  guint                   n_codings;
  GPtrArray              *episodes; /* KtsEpisode */
  GPtrArray              *identifiable;
  KtsSvgGlyphs           *glyphs;
  KtsSvgText             *text; /* the maps' text and its fonts */
} Report;

void
kts_report_options_init (KtsReportOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (KtsReportOptions){
    .date = NULL,
    .segments = TRUE,
    .episodes = NULL,
    .max_segments_per_code = 0,
  };
}

/* ---- Words ---------------------------------------------------------------------- */

static const char *
role_name (KtsRole role)
{
  switch (role)
    {
    case KTS_ROLE_THERAPIST:
      return C_ ("role", "therapist");
    case KTS_ROLE_CLIENT:
      return C_ ("role", "client");
    case KTS_ROLE_INTERVIEWER:
      return C_ ("role", "interviewer");
    case KTS_ROLE_OTHER:
    default:
      return C_ ("role", "other");
    }
}

static const char *
actor_name (KtsActor actor)
{
  switch (actor)
    {
    case KTS_ACTOR_THERAPIST:
      return C_ ("actor", "therapist");
    case KTS_ACTOR_CLIENT:
      return C_ ("actor", "client");
    case KTS_ACTOR_DYAD:
      return C_ ("actor", "dyad");
    case KTS_ACTOR_THIRD:
      return C_ ("actor", "third person");
    case KTS_ACTOR_UNSET:
    default:
      return NULL;
    }
}

static const char *
dimension_name (KtsDimension dimension)
{
  switch (dimension)
    {
    case KTS_DIMENSION_SELF_DEFINITION:
      return C_ ("dimension", "self-definition");
    case KTS_DIMENSION_RELATEDNESS:
      return C_ ("dimension", "relatedness");
    case KTS_DIMENSION_BOTH:
      return C_ ("dimension", "both");
    case KTS_DIMENSION_NONE:
    default:
      return NULL;
    }
}

static const char *
phase_name (KtsPhase phase)
{
  switch (phase)
    {
    case KTS_PHASE_BEFORE:
      return C_ ("map phase", "Before");
    case KTS_PHASE_RUPTURE:
      return C_ ("map phase", "Rupture");
    case KTS_PHASE_REPAIR:
      return C_ ("map phase", "Repair");
    case KTS_PHASE_AFTER:
      return C_ ("map phase", "After");
    case KTS_PHASE_UNSET:
    default:
      return NULL;
    }
}

static const char *
initiator_name (KtsInitiator initiator)
{
  switch (initiator)
    {
    case KTS_INITIATOR_THERAPIST:
      return C_ ("initiator", "therapist");
    case KTS_INITIATOR_CLIENT:
      return C_ ("initiator", "client");
    case KTS_INITIATOR_BOTH:
      return C_ ("initiator", "both");
    case KTS_INITIATOR_UNCLEAR:
      return C_ ("initiator", "unclear");
    case KTS_INITIATOR_UNSET:
    default:
      return NULL;
    }
}

static const char *
resolution_name (KtsResolution resolution)
{
  switch (resolution)
    {
    case KTS_RESOLUTION_RESOLVED:
      return C_ ("resolution", "resolved");
    case KTS_RESOLUTION_PARTIAL:
      return C_ ("resolution", "partly resolved");
    case KTS_RESOLUTION_UNRESOLVED:
      return C_ ("resolution", "unresolved");
    case KTS_RESOLUTION_UNKNOWN:
    default:
      return NULL;
    }
}

/* ---- HTML text -------------------------------------------------------------------- */

/* Appends @text with the five characters that matter in HTML text and in
 * quoted attribute values escaped. */
static void
append_escaped (GString *out, const char *text)
{
  const char *run;

  if (text == NULL)
    return;
  run = text;
  for (const char *p = text; *p != '\0'; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&':
          entity = "&amp;";
          break;
        case '<':
          entity = "&lt;";
          break;
        case '>':
          entity = "&gt;";
          break;
        case '"':
          entity = "&quot;";
          break;
        case '\'':
          entity = "&#39;";
          break;
        default:
          continue;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }
  g_string_append (out, run);
}

/* <TAG class="CLASS">TEXT</TAG>, the class left out when NULL. */
static void
append_element (GString *out, const char *tag, const char *klass, const char *text)
{
  g_string_append_printf (out, "<%s", tag);
  if (klass != NULL)
    g_string_append_printf (out, " class=\"%s\"", klass);
  g_string_append_c (out, '>');
  append_escaped (out, text);
  g_string_append_printf (out, "</%s>", tag);
}

static void
append_number (GString *out, double value, int decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Locale-independent: a decimal comma would break the SVG and the CSS. */
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer,
                                         decimals == 1   ? "%.1f"
                                         : decimals == 2 ? "%.2f"
                                                         : "%.3f",
                                         value));
}

/* A colour swatch; nothing is carried by it alone (the key and name follow). */
static void
append_swatch (GString *out, KtsCode *code)
{
  const char *color = kts_code_get_color (code);
  gboolean    valid = color != NULL && color[0] == '#' && strlen (color) == 7;

  for (guint i = 1; valid && i < 7; i++)
    valid = g_ascii_isxdigit (color[i]);
  if (valid)
    g_string_append_printf (out, "<span class=\"swatch\" style=\"background:%s\"></span>", color);
  else
    g_string_append (out, "<span class=\"swatch none\"></span>");
}

static void
append_code_name (GString *out, KtsCode *code)
{
  append_swatch (out, code);
  if (kts_code_get_key (code) != NULL)
    {
      append_element (out, "span", "key", kts_code_get_key (code));
      g_string_append_c (out, ' ');
    }
  append_element (out, "span", "name", kts_code_get_name (code));
}

/* ---- The style sheet ------------------------------------------------------------------ */

static const char style_sheet[]
    = ":root{--fg:#241f31;--dim:#5e5c64;--bg:#fff;--alt:#f6f5f4;--line:#deddda;"
      "--accent:#1a5fb4;--warn-bg:#fdf0c4;--warn-line:#c88800;color-scheme:light dark}\n"
      "@media screen and (prefers-color-scheme:dark){:root{--fg:#f6f5f4;--dim:#c0bfbc;"
      "--bg:#1e1e1e;--alt:#2a2a2a;--line:#3d3d3f;--accent:#99c1f1;--warn-bg:#3d3000;"
      "--warn-line:#f5c211}}\n"
      "*{box-sizing:border-box}\n"
      "html{background:var(--bg);color:var(--fg)}\n"
      "body{margin:0 auto;max-width:66rem;padding:2.5rem 1.5rem 4rem;font:15px/1.5 system-ui,"
      "-apple-system,'Segoe UI',Cantarell,'Noto Sans',Ubuntu,Roboto,'Helvetica Neue',Arial,"
      "sans-serif;-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
      "h1{font-size:2.1rem;line-height:1.2;margin:.25rem 0 .5rem;font-weight:700}\n"
      "h2{font-size:1.5rem;line-height:1.25;margin:3rem 0 1rem;padding-bottom:.35rem;"
      "border-bottom:1px solid var(--line)}\n"
      "h3{font-size:1.12rem;margin:2rem 0 .6rem}\n"
      "h4{font-size:1rem;margin:1.5rem 0 .5rem}\n"
      "p{margin:.5rem 0}\n"
      "a{color:var(--accent);text-decoration-thickness:1px;text-underline-offset:.15em}\n"
      ".kicker{margin:0;color:var(--dim);font-size:.85rem;letter-spacing:.06em;"
      "text-transform:uppercase}\n"
      ".subtitle{color:var(--dim);margin:0 0 1.5rem}\n"
      ".note{color:var(--dim);font-size:.9rem}\n"
      ".dim{color:var(--dim)}\n"
      "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.25rem;"
      "margin:1rem 0 1.5rem}\n"
      "dl.facts dt{color:var(--dim);font-weight:600}\n"
      "dl.facts dd{margin:0}\n"
      "table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0 1rem}\n"
      "th,td{text-align:left;vertical-align:top;padding:.4rem .55rem;"
      "border-bottom:1px solid var(--line)}\n"
      "thead th{color:var(--dim);font-size:.8rem;font-weight:600;"
      "border-bottom:2px solid var(--line)}\n"
      ".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
      ".swatch{display:inline-block;width:.85em;height:.85em;border-radius:.2em;"
      "margin-right:.45em;vertical-align:-.08em;border:1px solid rgba(0,0,0,.3);"
      "-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
      ".swatch.none{border-style:dashed}\n"
      ".key{font-family:ui-monospace,'Source Code Pro','DejaVu Sans Mono',Menlo,Consolas,"
      "monospace;font-size:.82em;color:var(--dim)}\n"
      ".warning{border:2px solid var(--warn-line);background:var(--warn-bg);border-radius:.5rem;"
      "padding:.75rem 1rem;margin:1rem 0 1.5rem;-webkit-print-color-adjust:exact;"
      "print-color-adjust:exact}\n"
      ".warning strong{display:block;font-size:1.05rem}\n"
      "nav.toc ol{padding-left:1.4rem;margin:.25rem 0}\n"
      "nav.toc li{margin:.15rem 0}\n"
      "nav.toc ol.codes{columns:16rem;column-gap:2rem;list-style:none;padding-left:.5rem;"
      "font-size:.88rem}\n"
      "nav.toc ol.codes li{break-inside:avoid}\n"
      ".codebook td.code{padding-left:calc(.55rem + var(--depth,0) * 1.2rem)}\n"
      ".codebook .head{font-weight:600}\n"
      ".codebook .definition{font-size:.9rem;margin-top:.15rem;max-width:50rem}\n"
      ".codebook tr.top td{background:var(--alt);-webkit-print-color-adjust:exact;"
      "print-color-adjust:exact}\n"
      ".codebook tr.top .head{font-size:1.05rem}\n"
      ".codebook .num{width:1%}\n"
      ".codebook th.num{white-space:normal;min-width:4.5rem}\n"
      ".codebook .zero{color:var(--dim)}\n"
      ".tag{display:inline-block;font-size:.75rem;color:var(--dim);border:1px solid var(--line);"
      "border-radius:1rem;padding:0 .45rem;margin-left:.35rem;font-weight:400;"
      "white-space:nowrap}\n"
      "details{margin-top:.3rem}\n"
      "details summary{cursor:pointer;color:var(--dim);font-size:.85rem}\n"
      "details dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .9rem;"
      "margin:.35rem 0 .2rem;font-size:.86rem;max-width:50rem}\n"
      "details dt{font-weight:600;color:var(--dim)}\n"
      "details dd{margin:0}\n"
      ".code-segments h3{display:flex;flex-wrap:wrap;align-items:baseline;gap:.1rem .4rem}\n"
      ".code-segments h3 .swatch{align-self:center}\n"
      ".code-segments h3 .count{margin-left:auto;font-size:.85rem;font-weight:400;"
      "color:var(--dim)}\n"
      ".path{font-size:.82rem;color:var(--dim);margin:-.4rem 0 .4rem}\n"
      ".code-segments h3,.path{break-after:avoid}\n"
      "ol.segments{list-style:none;padding:0;margin:0;counter-reset:seg}\n"
      ".segment{padding:.55rem 0 .6rem;border-bottom:1px solid var(--line);break-inside:avoid}\n"
      ".segment .meta{font-size:.82rem;color:var(--dim);margin:0}\n"
      ".segment .meta b{color:var(--fg);font-weight:600}\n"
      "blockquote{margin:.3rem 0 0;padding:.1rem 0 .1rem .8rem;border-left:3px solid var(--line);"
      "white-space:pre-wrap;overflow-wrap:anywhere}\n"
      ".memo{font-size:.9rem;margin:.35rem 0 0 .8rem}\n"
      ".memo .label{color:var(--dim);font-weight:600}\n"
      ".up{font-size:.82rem;text-align:right;margin:.3rem 0 0}\n"
      "nav.toc a{text-decoration:none}\n"
      "nav.toc a:hover{text-decoration:underline}\n"
      "figure.map{margin:1rem 0 1.5rem}\n"
      "figure.map svg{display:block;height:auto;max-width:100%;margin:0 0 .5rem;"
      "background:#fff;border-radius:.25rem;box-shadow:0 0 0 1px var(--line)}\n"
      "figure.map svg.cont{margin-top:-.5rem;border-top:0}\n"
      "figure.map figcaption{font-size:.85rem;color:var(--dim)}\n"
      "table.moves th:nth-child(5){width:22%}\n"
      "table.moves th:nth-child(6){width:36%}\n"
      "table.moves th:nth-child(7){width:13%}\n"
      "table.moves td.quote{white-space:pre-wrap;overflow-wrap:anywhere}\n"
      "table.moves td.ident,table.moves td.short{white-space:nowrap}\n"
      "table.moves .anchor{font-size:.82rem;color:var(--dim)}\n"
      "tr{break-inside:avoid}\n"
      "footer{margin-top:4rem;padding-top:.75rem;border-top:1px solid var(--line);"
      "color:var(--dim);font-size:.85rem}\n"
      ".glyphs{position:absolute;width:0;height:0;overflow:hidden}\n"
      "@media print{\n"
      "@page{size:A4;margin:16mm 15mm 18mm}\n"
      "@page wide{size:A4 landscape;margin:12mm}\n"
      "html{background:#fff;color:#000}\n"
      "body{max-width:none;padding:0;font-size:9.5pt;line-height:1.4}\n"
      "h1{font-size:22pt}h2{font-size:15pt;margin-top:0}h3{font-size:11.5pt}\n"
      "h2,h3,h4{break-after:avoid}\n"
      "a{color:inherit;text-decoration:none}\n"
      "header.title-page{break-after:avoid}\n"
      "nav.toc{break-after:page}\n"
      "nav.toc ol.codes{columns:3;column-gap:1.5em;font-size:8pt}\n"
      "#codebook,#segments{break-before:page}\n"
      ".episode{page:wide;break-before:page}\n"
      "#episodes>h2{page:wide;break-before:page}\n"
      ".episode.first{break-before:avoid}\n"
      "figure.map svg{box-shadow:none;border:0.5pt solid #c0bfbc;break-inside:avoid}\n"
      "figure.map{break-inside:auto}\n"
      "footer{display:none}\n"
      ".up{display:none}\n"
      "details>summary{display:none}\n"
      "details::details-content{content-visibility:visible;display:block}\n"
      "table{font-size:8.5pt}\n"
      ".codebook .definition{font-size:8.5pt}\n"
      "details dl{font-size:8pt;margin-top:.15rem}\n"
      "thead{display:table-header-group}\n"
      "}\n";

/* ---- Collecting ---------------------------------------------------------------------- */

static guint
code_position (Report *r, KtsCode *code)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (r->index, code));
}

static void
collect (Report *r)
{
  KtsCodebook *codebook = kts_project_get_codebook (r->project);
  GListModel  *documents = kts_project_get_documents (r->project);
  guint        n_codes;

  r->codes = kts_codebook_list_codes (codebook);
  n_codes = r->codes->len;
  r->index = g_hash_table_new (NULL, NULL);
  r->segments = g_new0 (GPtrArray *, MAX (1, n_codes));
  r->direct = g_new0 (guint, MAX (1, n_codes));
  r->total = g_new0 (guint, MAX (1, n_codes));
  for (guint i = 0; i < n_codes; i++)
    g_hash_table_insert (r->index, g_ptr_array_index (r->codes, i), GUINT_TO_POINTER (i + 1));

  for (guint d = 0; d < g_list_model_get_n_items (documents); d++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, d);
      GListModel *codings = kts_document_get_codings (document);
      guint       n = g_list_model_get_n_items (codings);

      for (guint j = 0; j < n; j++)
        {
          KtsCoding *coding = g_list_model_get_item (codings, j);
          guint      pos = code_position (r, kts_coding_get_code (coding));

          r->n_codings++;
          if (pos == 0)
            {
              g_object_unref (coding);
              continue;
            }
          if (r->segments[pos - 1] == NULL)
            r->segments[pos - 1] = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (r->segments[pos - 1], coding);
          r->direct[pos - 1]++;
        }
    }

  /* Pre-order: a code's sub-codes follow it, so adding each count to every
   * ancestor gives the totals. */
  for (guint i = 0; i < n_codes; i++)
    {
      KtsCode *code = g_ptr_array_index (r->codes, i);

      r->total[i] += r->direct[i];
      for (KtsCode *parent = kts_code_get_parent (code); parent != NULL;
           parent = kts_code_get_parent (parent))
        {
          guint pos = code_position (r, parent);
          if (pos > 0)
            r->total[pos - 1] += r->direct[i];
        }
    }

  r->episodes = g_ptr_array_new_with_free_func (g_object_unref);
  if (r->options->episodes != NULL)
    {
      for (guint i = 0; i < r->options->episodes->len; i++)
        g_ptr_array_add (r->episodes, g_object_ref (g_ptr_array_index (r->options->episodes, i)));
    }
  else
    {
      GListModel *episodes = kts_project_get_episodes (r->project);

      for (guint i = 0; i < g_list_model_get_n_items (episodes); i++)
        g_ptr_array_add (r->episodes, g_list_model_get_item (episodes, i));
    }
}

static void
report_clear (Report *r)
{
  for (guint i = 0; r->codes != NULL && i < r->codes->len; i++)
    g_clear_pointer (&r->segments[i], g_ptr_array_unref);
  g_free (r->segments);
  g_free (r->direct);
  g_free (r->total);
  g_clear_pointer (&r->codes, g_ptr_array_unref);
  g_clear_pointer (&r->index, g_hash_table_unref);
  g_clear_pointer (&r->episodes, g_ptr_array_unref);
  g_clear_pointer (&r->identifiable, g_ptr_array_unref);
  g_clear_pointer (&r->glyphs, kts_svg_glyphs_free);
  g_clear_pointer (&r->text, kts_svg_text_free);
  g_free (r->date);
}

GPtrArray *
kts_report_identifiable_documents (KtsProject *project, const KtsReportOptions *options)
{
  KtsReportOptions defaults;
  GListModel      *documents;
  g_autoptr (GHashTable) quoted = NULL;
  GPtrArray *result;

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);

  quoted = g_hash_table_new (NULL, NULL);
  result = g_ptr_array_new ();
  if (options == NULL)
    {
      kts_report_options_init (&defaults);
      options = &defaults;
    }

  documents = kts_project_get_documents (project);
  if (options->segments)
    for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
      {
        g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);

        if (g_list_model_get_n_items (kts_document_get_codings (document)) > 0)
          g_hash_table_add (quoted, document);
      }

  {
    GListModel *all = kts_project_get_episodes (project);
    guint n = options->episodes != NULL ? options->episodes->len : g_list_model_get_n_items (all);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr (KtsEpisode) episode = options->episodes != NULL
                                             ? g_object_ref (options->episodes->pdata[i])
                                             : g_list_model_get_item (all, i);
        g_autoptr (GPtrArray) docs = kts_poster_identifiable_documents (episode);

        for (guint k = 0; k < docs->len; k++)
          g_hash_table_add (quoted, g_ptr_array_index (docs, k));
      }
  }

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);

      if (!kts_document_get_pseudonymised (document) && g_hash_table_contains (quoted, document))
        g_ptr_array_add (result, document);
    }
  return result;
}

/* ---- Title page and contents ------------------------------------------------------------ */

static void
append_head (Report *r)
{
  GString    *out = r->out;
  const char *title = kts_project_get_title (r->project);

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"");
  /* TRANSLATORS: the language code of the report's HTML, e.g. "de" */
  append_escaped (out, C_ ("html lang", "en"));
  g_string_append (out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<meta name=\"generator\" content=\"Kintsugi " PACKAGE_VERSION "\">\n"
                        "<title>");
  append_escaped (out, title != NULL && *title != '\0' ? title : _ ("Untitled project"));
  g_string_append (out, " — ");
  append_escaped (out, _ ("Kintsugi report"));
  g_string_append (out, "</title>\n<style>\n");
  g_string_append (out, style_sheet);
  g_string_append (out, "</style>\n</head>\n<body>\n");
}

static void
append_warning (Report *r)
{
  GString *out = r->out;

  if (r->identifiable->len == 0)
    return;

  g_string_append (out, "<div class=\"warning\" role=\"alert\" id=\"identifiable\"><strong>");
  append_escaped (out, _ ("Not pseudonymised — do not circulate"));
  g_string_append (out, "</strong>");
  append_escaped (out, g_dngettext (GETTEXT_PACKAGE,
                                    "This report quotes a transcript that is not marked "
                                    "pseudonymised:",
                                    "This report quotes transcripts that are not marked "
                                    "pseudonymised:",
                                    r->identifiable->len));
  g_string_append_c (out, ' ');
  for (guint i = 0; i < r->identifiable->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, "<b>");
      append_escaped (out, kts_document_get_title (g_ptr_array_index (r->identifiable, i)));
      g_string_append (out, "</b>");
    }
  g_string_append (out, ". ");
  append_escaped (out, _ ("De-identify the transcripts and mark them pseudonymised before "
                          "sharing it."));
  g_string_append (out, "</div>\n");
}

static void
append_title_page (Report *r)
{
  GString     *out = r->out;
  KtsCodebook *codebook = kts_project_get_codebook (r->project);
  GListModel  *coders = kts_project_get_coders (r->project);
  GListModel  *documents = kts_project_get_documents (r->project);
  const char  *title = kts_project_get_title (r->project);
  guint        n_documents = g_list_model_get_n_items (documents);

  g_string_append (out, "<header class=\"title-page\" id=\"title\">\n");
  append_element (out, "p", "kicker", _ ("Kintsugi project report"));
  g_string_append_c (out, '\n');
  append_element (out, "h1", NULL,
                  title != NULL && *title != '\0' ? title : _ ("Untitled project"));
  g_string_append_c (out, '\n');
  {
    /* TRANSLATORS: "Report of 2026-11-22 · Kintsugi 1.0" */
    g_autofree char *line
        = g_strdup_printf (_ ("Report of %s · Kintsugi %s"), r->date, PACKAGE_VERSION);
    append_element (out, "p", "subtitle", line);
    g_string_append_c (out, '\n');
  }
  append_warning (r);

  g_string_append (out, "<dl class=\"facts\">\n");
  append_element (out, "dt", NULL, _ ("Codebook"));
  g_string_append (out, "<dd>");
  {
    const char      *name = kts_codebook_get_name (codebook);
    g_autofree char *version
        = g_strdup_printf (_ ("version %d"), kts_codebook_get_version (codebook));
    g_autofree char *n_codes = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u code", "%u codes", r->codes->len), r->codes->len);

    append_escaped (out, name != NULL && *name != '\0' ? name : _ ("Unnamed codebook"));
    g_string_append (out, ", ");
    append_escaped (out, version);
    g_string_append (out, " <span class=\"dim\">(");
    append_escaped (out, n_codes);
    g_string_append (out, ")</span>");
  }
  g_string_append (out, "</dd>\n");

  append_element (out, "dt", NULL, _ ("Coders"));
  g_string_append (out, "<dd>");
  if (g_list_model_get_n_items (coders) == 0)
    append_escaped (out, _ ("none named"));
  for (guint i = 0; i < g_list_model_get_n_items (coders); i++)
    {
      g_autoptr (KtsCoder) coder = g_list_model_get_item (coders, i);

      if (i > 0)
        g_string_append (out, ", ");
      append_escaped (out, kts_coder_get_name (coder));
    }
  g_string_append (out, "</dd>\n");

  append_element (out, "dt", NULL, _ ("Codings"));
  g_string_append_printf (out, "<dd>%u</dd>\n", r->n_codings);
  append_element (out, "dt", NULL, _ ("Episodes"));
  g_string_append_printf (out, "<dd>%u</dd>\n",
                          g_list_model_get_n_items (kts_project_get_episodes (r->project)));
  g_string_append (out, "</dl>\n");

  append_element (out, "h2", NULL, _ ("Transcripts"));
  g_string_append_c (out, '\n');
  if (n_documents == 0)
    {
      append_element (out, "p", "note", _ ("The project has no transcripts."));
      g_string_append_c (out, '\n');
    }
  else
    {
      g_string_append (out, "<table class=\"documents\">\n<thead><tr>");
      append_element (out, "th", NULL, _ ("Transcript"));
      append_element (out, "th", "num", _ ("Turns"));
      append_element (out, "th", "num", _ ("Characters"));
      append_element (out, "th", "num", _ ("Codings"));
      append_element (out, "th", NULL, _ ("Pseudonymised"));
      g_string_append (out, "</tr></thead>\n<tbody>\n");
      for (guint i = 0; i < n_documents; i++)
        {
          g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);
          gboolean pseudonymised = kts_document_get_pseudonymised (document);

          g_string_append (out, "<tr>");
          append_element (out, "td", NULL, kts_document_get_title (document));
          g_string_append_printf (
              out, "<td class=\"num\">%u</td><td class=\"num\">%u</td><td class=\"num\">%u</td>",
              kts_document_get_n_turns (document), kts_document_get_n_characters (document),
              g_list_model_get_n_items (kts_document_get_codings (document)));
          if (pseudonymised)
            append_element (out, "td", NULL, _ ("yes"));
          else
            {
              g_string_append (out, "<td><strong>");
              append_escaped (out, _ ("no"));
              g_string_append (out, "</strong></td>");
            }
          g_string_append (out, "</tr>\n");
        }
      g_string_append (out, "</tbody>\n</table>\n");
    }
  g_string_append (out, "</header>\n");
}

static void
append_contents (Report *r)
{
  GString *out = r->out;

  g_string_append (out, "<nav class=\"toc\" id=\"contents\" aria-labelledby=\"contents-title\">\n"
                        "<h2 id=\"contents-title\">");
  append_escaped (out, _ ("Contents"));
  g_string_append (out, "</h2>\n<ol>\n<li><a href=\"#codebook\">");
  append_escaped (out, _ ("Codebook"));
  g_string_append (out, "</a></li>\n");

  if (r->options->segments)
    {
      g_string_append (out, "<li><a href=\"#segments\">");
      append_escaped (out, _ ("Coded segments by code"));
      g_string_append (out, "</a>\n<ol class=\"codes\">\n");
      for (guint i = 0; i < r->codes->len; i++)
        {
          if (r->direct[i] == 0)
            continue;
          g_string_append_printf (out, "<li><a href=\"#seg-%u\">", i + 1);
          append_code_name (out, g_ptr_array_index (r->codes, i));
          g_string_append_printf (out, "</a> <span class=\"dim\">%u</span></li>\n", r->direct[i]);
        }
      g_string_append (out, "</ol></li>\n");
    }

  if (r->episodes->len > 0)
    {
      g_string_append (out, "<li><a href=\"#episodes\">");
      append_escaped (out, _ ("Episodes"));
      g_string_append (out, "</a>\n<ol>\n");
      for (guint i = 0; i < r->episodes->len; i++)
        {
          g_string_append_printf (out, "<li><a href=\"#episode-%u\">", i + 1);
          append_escaped (out, kts_episode_get_name (g_ptr_array_index (r->episodes, i)));
          g_string_append (out, "</a></li>\n");
        }
      g_string_append (out, "</ol></li>\n");
    }
  g_string_append (out, "</ol>\n</nav>\n");
}

/* ---- Codebook --------------------------------------------------------------------------- */

static void
append_detail (GString *out, const char *name, const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  append_element (out, "dt", NULL, name);
  append_element (out, "dd", NULL, value);
}

static void
append_codebook (Report *r)
{
  GString *out = r->out;

  g_string_append (out, "<section id=\"codebook\" aria-labelledby=\"codebook-title\">\n"
                        "<h2 id=\"codebook-title\">");
  append_escaped (out, _ ("Codebook"));
  g_string_append (out, "</h2>\n");
  append_element (out, "p", "note",
                  _ ("Codings counts the passages coded with the code itself; with sub-codes "
                     "adds those of every code below it."));
  g_string_append (out, "\n<table class=\"codebook\">\n<thead><tr>");
  append_element (out, "th", NULL, _ ("Code and definition"));
  append_element (out, "th", "num", _ ("Codings"));
  append_element (out, "th", "num", _ ("With sub-codes"));
  g_string_append (out, "</tr></thead>\n<tbody>\n");

  for (guint i = 0; i < r->codes->len; i++)
    {
      KtsCode    *code = g_ptr_array_index (r->codes, i);
      guint       depth = kts_code_get_depth (code);
      gboolean    parent = g_list_model_get_n_items (kts_code_get_children (code)) > 0;
      const char *dimension = dimension_name (kts_code_get_dimension (code));
      const char *definition = kts_code_get_definition (code);
      const char *example = kts_code_get_example (code);
      const char *include = kts_code_get_include (code);
      const char *exclude = kts_code_get_exclude (code);
      const char *notes = kts_code_get_notes (code);

      g_string_append_printf (out, "<tr id=\"code-%u\"%s>", i + 1,
                              depth == 0 ? " class=\"top\"" : "");
      if (depth > 0)
        g_string_append_printf (out, "<td class=\"code\" style=\"--depth:%u\">", depth);
      else
        g_string_append (out, "<td class=\"code\">");
      g_string_append (out, "<div class=\"head\">");
      append_code_name (out, code);
      if (dimension != NULL)
        append_element (out, "span", "tag", dimension);
      if (!kts_code_get_codable (code))
        append_element (out, "span", "tag", _ ("category"));
      g_string_append (out, "</div>");
      if (definition != NULL && *definition != '\0')
        append_element (out, "div", "definition", definition);
      if ((example != NULL && *example != '\0') || (include != NULL && *include != '\0')
          || (exclude != NULL && *exclude != '\0') || (notes != NULL && *notes != '\0'))
        {
          g_string_append (out, "<details><summary>");
          append_escaped (out, _ ("Example, when to use, when not to use"));
          g_string_append (out, "</summary><dl>");
          append_detail (out, _ ("Example"), example);
          append_detail (out, _ ("When to use"), include);
          append_detail (out, _ ("When not to use"), exclude);
          append_detail (out, _ ("Notes"), notes);
          g_string_append (out, "</dl></details>");
        }
      g_string_append (out, "</td>");
      if (r->direct[i] > 0 && r->options->segments)
        g_string_append_printf (out, "<td class=\"num\"><a href=\"#seg-%u\">%u</a></td>", i + 1,
                                r->direct[i]);
      else
        g_string_append_printf (out, "<td class=\"num%s\">%u</td>",
                                r->direct[i] == 0 ? " zero" : "", r->direct[i]);
      if (parent)
        g_string_append_printf (out, "<td class=\"num%s\">%u</td>", r->total[i] == 0 ? " zero" : "",
                                r->total[i]);
      else
        g_string_append (out, "<td class=\"num zero\"></td>");
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n</section>\n");
}

/* ---- Coded segments ------------------------------------------------------------------------ */

static void
append_segment (GString *out, KtsCoding *coding)
{
  KtsDocument      *document = kts_coding_get_document (coding);
  KtsCoder         *coder = kts_coding_get_coder (coding);
  const char       *actor = actor_name (kts_coding_get_actor (coding));
  const char       *memo = kts_coding_get_memo (coding);
  int               turn = kts_document_find_turn (document, kts_coding_get_start (coding));
  const KtsSpeaker *speaker = NULL;
  g_autofree char  *text = kts_coding_dup_text (coding);

  if (turn >= 0)
    {
      const KtsTurn *t = kts_document_get_turn (document, turn);

      if (t->speaker >= 0)
        speaker = kts_document_get_speaker (document, t->speaker);
    }

  g_string_append (out, "<li class=\"segment\"><p class=\"meta\"><b>");
  append_escaped (out, kts_document_get_title (document));
  g_string_append (out, "</b>");
  if (turn >= 0)
    {
      g_autofree char *s = g_strdup_printf (_ ("turn %d"), turn + 1);

      g_string_append (out, " · ");
      append_escaped (out, s);
    }
  if (speaker != NULL)
    {
      g_string_append (out, " · ");
      append_escaped (out, speaker->label);
      g_string_append (out, " (");
      append_escaped (out, role_name (speaker->role));
      g_string_append (out, ")");
    }
  if (actor != NULL)
    {
      g_autofree char *s = NULL;

      if (kts_coding_get_actor (coding) == KTS_ACTOR_THIRD
          && kts_coding_get_third_role (coding) != NULL)
        s = g_strdup_printf (_ ("actor: %s (%s)"), actor, kts_coding_get_third_role (coding));
      else
        s = g_strdup_printf (_ ("actor: %s"), actor);
      g_string_append (out, " · ");
      append_escaped (out, s);
    }
  if (coder != NULL)
    {
      g_autofree char *s = g_strdup_printf (_ ("coder: %s"), kts_coder_get_name (coder));

      g_string_append (out, " · ");
      append_escaped (out, s);
    }
  {
    g_autofree char *s = g_strdup_printf (_ ("characters %u–%u"), kts_coding_get_start (coding),
                                          kts_coding_get_end (coding));
    g_string_append (out, " · ");
    append_escaped (out, s);
  }
  g_string_append (out, "</p><blockquote>");
  append_escaped (out, text);
  g_string_append (out, "</blockquote>");
  if (memo != NULL && *memo != '\0')
    {
      g_string_append (out, "<p class=\"memo\"><span class=\"label\">");
      append_escaped (out, _ ("Memo:"));
      g_string_append (out, "</span> ");
      append_escaped (out, memo);
      g_string_append (out, "</p>");
    }
  g_string_append (out, "</li>\n");
}

static void
append_segments (Report *r)
{
  GString *out = r->out;
  guint    n_codes = 0;

  for (guint i = 0; i < r->codes->len; i++)
    n_codes += r->direct[i] > 0 ? 1 : 0;

  g_string_append (out, "<section id=\"segments\" aria-labelledby=\"segments-title\">\n"
                        "<h2 id=\"segments-title\">");
  append_escaped (out, _ ("Coded segments by code"));
  g_string_append (out, "</h2>\n");
  {
    g_autofree char *codings = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u coded segment", "%u coded segments", r->n_codings),
        r->n_codings);
    g_autofree char *codes
        = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u code", "%u codes", n_codes), n_codes);
    /* TRANSLATORS: "148 coded segments of 35 codes, …" */
    g_autofree char *line = g_strdup_printf (
        _ ("%s of %s, in codebook order; within a code in transcript order."), codings, codes);

    append_element (out, "p", "note", line);
    g_string_append_c (out, '\n');
  }
  if (n_codes == 0)
    {
      append_element (out, "p", NULL, _ ("Nothing has been coded yet."));
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < r->codes->len; i++)
    {
      KtsCode   *code = g_ptr_array_index (r->codes, i);
      GPtrArray *segments = r->segments[i];
      guint      shown;

      if (segments == NULL)
        continue;

      g_string_append_printf (out, "<section class=\"code-segments\" id=\"seg-%u\">\n<h3>", i + 1);
      append_code_name (out, code);
      {
        g_autofree char *count = g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%u segment", "%u segments", segments->len),
            segments->len);
        append_element (out, "span", "count", count);
      }
      g_string_append (out, "</h3>\n");
      if (kts_code_get_parent (code) != NULL)
        {
          g_autoptr (GPtrArray) path = g_ptr_array_new ();

          for (KtsCode *p = kts_code_get_parent (code); p != NULL; p = kts_code_get_parent (p))
            g_ptr_array_insert (path, 0, p);
          g_string_append (out, "<p class=\"path\">");
          for (guint k = 0; k < path->len; k++)
            {
              if (k > 0)
                g_string_append (out, " › ");
              append_escaped (out, kts_code_get_name (g_ptr_array_index (path, k)));
            }
          g_string_append (out, "</p>\n");
        }

      shown = segments->len;
      if (r->options->max_segments_per_code > 0)
        shown = MIN (shown, r->options->max_segments_per_code);
      g_string_append (out, "<ol class=\"segments\">\n");
      for (guint k = 0; k < shown; k++)
        append_segment (out, g_ptr_array_index (segments, k));
      g_string_append (out, "</ol>\n");
      if (shown < segments->len)
        {
          g_autofree char *note = g_strdup_printf (
              g_dngettext (GETTEXT_PACKAGE,
                           "Showing the first %u of %u segments; %u segment is left out of "
                           "this report (see the CSV export for all).",
                           "Showing the first %u of %u segments; %u segments are left out of "
                           "this report (see the CSV export for all).",
                           segments->len - shown),
              shown, segments->len, segments->len - shown);
          g_string_append (out, "<p class=\"note capped\">");
          append_escaped (out, note);
          g_string_append (out, "</p>\n");
        }
      g_string_append (out, "<p class=\"up\"><a href=\"#contents\">");
      append_escaped (out, _ ("Back to contents"));
      g_string_append (out, "</a></p>\n</section>\n");
    }
  g_string_append (out, "</section>\n");
}

/* ---- Episodes ------------------------------------------------------------------------------- */

static cairo_status_t
svg_write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len (closure, (const char *)data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef enum
{
  PART_TITLE,
  PART_ROW,
  PART_LEGEND,
} PartKind;

typedef struct
{
  KtsMapPainter   *painter;
  PartKind         kind;
  const KtsMapRow *row;
  double           y0;
} Part;

/* Appends one piece of the figure as an inline <svg> @width × @height
 * layout units wide, shown at its share of the map width. */
static void
append_svg (Report     *r,
            const Part *part,
            double      width,
            double      height,
            const char *klass,
            const char *prefix,
            const char *label)
{
  g_autoptr (GString) raw = g_string_new (NULL);
  g_autofree char *merged = NULL;
  g_autofree char *tidy = NULL;
  cairo_surface_t *surface;
  cairo_t         *cr;
  const char      *open, *body;

  surface = cairo_svg_surface_create_for_stream (svg_write_cb, raw, width, height);
  cr = cairo_create (surface);
  /* Text as <text>, its fonts once for the whole report (append_tail). */
  kts_svg_text_attach (r->text, cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  switch (part->kind)
    {
    case PART_TITLE:
      kts_map_painter_draw_title (part->painter, cr, width);
      break;
    case PART_ROW:
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_clip (cr);
      cairo_translate (cr, 0, -part->y0);
      kts_map_painter_draw_row (part->painter, cr, part->row->first, part->row->last, TRUE);
      break;
    case PART_LEGEND:
    default:
      kts_map_painter_draw_legend (part->painter, cr, width);
      break;
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    g_warning ("cannot draw the map as SVG: %s",
               cairo_status_to_string (cairo_surface_status (surface)));
  cairo_surface_destroy (surface);

  merged = kts_svg_text_merge (r->text, raw->str, raw->len, FALSE);
  tidy = kts_svg_tidy (merged, strlen (merged), prefix, r->glyphs);
  /* Replace cairo's opening tag (and the XML declaration before it): HTML
   * puts <svg> in the SVG namespace by itself. */
  open = strstr (tidy, "<svg");
  body = open != NULL ? strchr (open, '>') : NULL;
  if (body == NULL)
    return;
  g_string_append (r->out, "<svg ");
  if (klass != NULL)
    g_string_append_printf (r->out, "class=\"%s\" ", klass);
  g_string_append (r->out, "viewBox=\"0 0 ");
  append_number (r->out, width, 3);
  g_string_append_c (r->out, ' ');
  append_number (r->out, height, 3);
  g_string_append (r->out, "\" style=\"width:");
  append_number (r->out, MIN (100.0, 100.0 * width / MAP_WIDTH), 3);
  g_string_append (r->out, "%\" role=\"img\" aria-label=\"");
  append_escaped (r->out, label);
  g_string_append (r->out, "\"");
  g_string_append (r->out, body);
  if (r->out->str[r->out->len - 1] != '\n')
    g_string_append_c (r->out, '\n');
}

/* "e-01 label; e-02 label; …" for the moves whose cards are in @row. */
static char *
row_moves (KtsMapPainter *painter, const KtsMapRow *row)
{
  KtsMapLayout *layout = kts_map_painter_get_layout (painter);
  g_autoptr (GString) s = g_string_new (NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < layout->cards->len; i++)
    {
      const KtsMapCard *card = &g_array_index (layout->cards, KtsMapCard, i);

      if (card->column < row->first || card->column > row->last
          || !g_hash_table_add (seen, card->move))
        continue;
      if (s->len > 0)
        g_string_append (s, "; ");
      if (kts_move_get_ident (card->move) != NULL)
        g_string_append_printf (s, "%s ", kts_move_get_ident (card->move));
      g_string_append (s, kts_move_get_label (card->move) != NULL ? kts_move_get_label (card->move)
                                                                  : "");
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
append_figure (Report *r, KtsEpisode *episode, guint number)
{
  GString    *out = r->out;
  KtsMapStyle style;
  g_autoptr (KtsMapPainter) painter = NULL;
  g_autoptr (KtsMapRowPlanner) planner = NULL;
  g_autoptr (GArray) rows = NULL;
  const char *name = kts_episode_get_name (episode);
  guint       n_part = 0;
  Part        part = { 0 };

  kts_map_style_init (&style);
  painter = kts_map_painter_new (episode, &style);
  planner = kts_map_row_planner_new (painter);
  rows = kts_map_row_planner_plan (planner, MAP_WIDTH);
  part.painter = painter;

  g_string_append_printf (out, "<figure class=\"map\" aria-describedby=\"episode-%u-moves\">\n",
                          number);
  {
    g_autofree char *prefix = g_strdup_printf ("m%u-%u-", number, ++n_part);
    g_autofree char *label = g_strdup_printf (_ ("Title block of the process map of “%s”"), name);

    part.kind = PART_TITLE;
    append_svg (r, &part, MAP_WIDTH, ceil (kts_map_painter_measure_title (painter, MAP_WIDTH)),
                "title", prefix, label);
  }
  for (guint i = 0; i < rows->len; i++)
    {
      const KtsMapRow *row = &g_array_index (rows, KtsMapRow, i);
      g_autofree char *moves = row_moves (painter, row);
      double           y0 = 0;

      while (y0 < row->height - 0.5)
        {
          double           cut = kts_map_row_cut (row, y0, MAP_PART_HEIGHT);
          g_autofree char *prefix = g_strdup_printf ("m%u-%u-", number, ++n_part);
          g_autofree char *label = g_strdup_printf (_ ("Process map of “%s”, row %u of %u: %s"),
                                                    name, i + 1, rows->len, moves);

          part.kind = PART_ROW;
          part.row = row;
          part.y0 = y0;
          append_svg (r, &part, row->width, cut - y0, y0 > 0 ? "row cont" : "row", prefix, label);
          y0 = cut;
        }
    }
  {
    g_autofree char *prefix = g_strdup_printf ("m%u-%u-", number, ++n_part);

    part.kind = PART_LEGEND;
    append_svg (r, &part, MAP_WIDTH, ceil (kts_map_painter_measure_legend (painter, MAP_WIDTH)),
                "legend", prefix, _ ("Legend of the process map"));
  }
  g_string_append (out, "<figcaption>");
  if (rows->len == 0)
    append_escaped (out, _ ("The episode has no moves yet, so its map is empty."));
  else
    {
      g_autofree char *caption = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "The process map of “%s” in %u row. The text of the map is drawn as "
                       "outlines and cannot be selected; the table of moves below has every "
                       "label and quote.",
                       "The process map of “%s” in %u rows, wrapped at phase boundaries. The "
                       "text of the map is drawn as outlines and cannot be selected; the table "
                       "of moves below has every label and quote.",
                       rows->len),
          name, rows->len);
      append_escaped (out, caption);
    }
  g_string_append (out, "</figcaption>\n</figure>\n");
}

static void
append_attribute (GString *out, const char *name, const char *value, gboolean always)
{
  if ((value == NULL || *value == '\0') && !always)
    return;
  append_element (out, "dt", NULL, name);
  if (value == NULL || *value == '\0')
    append_element (out, "dd", "dim", _ ("not set"));
  else
    append_element (out, "dd", NULL, value);
}

static char *
anchor_text (KtsCoding *coding)
{
  KtsDocument *document = kts_coding_get_document (coding);
  g_autoptr (GString) s = g_string_new (NULL);
  int turn;

  if (document == NULL)
    return NULL;
  g_string_append (s, kts_document_get_title (document));
  turn = kts_document_find_turn (document, kts_coding_get_start (coding));
  if (turn >= 0)
    {
      const KtsTurn *t = kts_document_get_turn (document, turn);

      g_string_append (s, ", ");
      g_string_append_printf (s, _ ("turn %d"), turn + 1);
      if (t->speaker >= 0)
        g_string_append_printf (s, " (%s)", kts_document_get_speaker (document, t->speaker)->label);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
append_moves (Report *r, KtsEpisode *episode, guint number)
{
  GString    *out = r->out;
  GListModel *moves = kts_episode_get_moves (episode);
  guint       n = g_list_model_get_n_items (moves);

  g_string_append_printf (out, "<h3 id=\"episode-%u-moves-title\">", number);
  append_escaped (out, _ ("Moves"));
  g_string_append (out, "</h3>\n");
  if (n == 0)
    {
      g_string_append_printf (out, "<p class=\"note\" id=\"episode-%u-moves\">", number);
      append_escaped (out, _ ("No moves yet."));
      g_string_append (out, "</p>\n");
      return;
    }

  g_string_append_printf (out, "<table class=\"moves\" id=\"episode-%u-moves\">\n<thead><tr>",
                          number);
  append_element (out, "th", NULL, _ ("Move"));
  append_element (out, "th", NULL, _ ("Phase"));
  append_element (out, "th", NULL, _ ("Actor"));
  append_element (out, "th", NULL, _ ("Dimension"));
  append_element (out, "th", NULL, _ ("Label"));
  append_element (out, "th", NULL, _ ("Quote"));
  append_element (out, "th", NULL, _ ("Anchor"));
  g_string_append (out, "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);
      g_autofree char *quote = kts_move_dup_primary_quote (move);
      GPtrArray       *anchors = kts_move_get_anchors (move);
      const char      *actor = actor_name (kts_move_get_actor (move));
      const char      *phase = phase_name (kts_move_get_phase (move));
      const char      *dimension = dimension_name (kts_move_get_dimension (move));

      g_string_append (out, "<tr>");
      append_element (out, "td", "ident", kts_move_get_ident (move));
      append_element (out, "td", "short", phase != NULL ? phase : "–");
      g_string_append (out, "<td class=\"short\">");
      append_escaped (out, actor != NULL ? actor : "–");
      if (kts_move_get_actor (move) == KTS_ACTOR_THIRD && kts_move_get_third_role (move) != NULL)
        {
          g_string_append (out, " (");
          append_escaped (out, kts_move_get_third_role (move));
          g_string_append (out, ")");
        }
      g_string_append (out, "</td>");
      append_element (out, "td", "short", dimension != NULL ? dimension : "–");
      g_string_append (out, "<td>");
      append_escaped (out, kts_move_get_label (move));
      if (kts_move_get_interpretation (move) == KTS_INTERPRETATION_ANALYST)
        append_element (out, "span", "tag", _ ("analyst's inference"));
      g_string_append (out, "</td>");
      append_element (out, "td", "quote", quote);
      g_string_append (out, "<td class=\"anchor\">");
      {
        g_autofree char *previous = NULL;

        for (guint k = 0; anchors != NULL && k < anchors->len; k++)
          {
            char *line = anchor_text (g_ptr_array_index (anchors, k));

            /* Two codings of one turn make one line. */
            if (line == NULL || g_strcmp0 (line, previous) == 0)
              {
                g_free (line);
                continue;
              }
            if (previous != NULL)
              g_string_append (out, "<br>");
            append_escaped (out, line);
            g_free (previous);
            previous = line;
          }
      }
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

static void
append_episode (Report *r, KtsEpisode *episode, guint number)
{
  GString     *out = r->out;
  KtsCase     *kase = kts_episode_get_case (episode);
  KtsDocument *document = kts_episode_get_document (episode);
  guint        n_moves = g_list_model_get_n_items (kts_episode_get_moves (episode));

  g_string_append_printf (out, "<section class=\"episode%s\" id=\"episode-%u\">\n<h3>",
                          number == 1 ? " first" : "", number);
  append_escaped (out, kts_episode_get_name (episode));
  g_string_append (out, "</h3>\n<dl class=\"facts\">\n");

  if (kase != NULL)
    {
      g_autoptr (GString) s = g_string_new (kts_case_get_label (kase));

      if (kts_case_get_therapist_pseudonym (kase) != NULL)
        g_string_append_printf (s, " · %s %s", C_ ("map actor", "T"),
                                kts_case_get_therapist_pseudonym (kase));
      if (kts_case_get_client_pseudonym (kase) != NULL)
        g_string_append_printf (s, " · %s %s", C_ ("map actor", "C"),
                                kts_case_get_client_pseudonym (kase));
      append_attribute (out, _ ("Case"), s->str, TRUE);
    }
  else
    append_attribute (out, _ ("Case"), _ ("vignette (no named case)"), TRUE);
  if (document != NULL)
    {
      g_autoptr (GString) s = g_string_new (kts_document_get_title (document));
      int first = kts_document_find_turn (document, kts_episode_get_start (episode));
      int last = kts_episode_get_end (episode) > 0
                     ? kts_document_find_turn (document, kts_episode_get_end (episode) - 1)
                     : -1;

      if (first >= 0 && last >= first)
        {
          g_string_append (s, ", ");
          g_string_append_printf (s, _ ("turns %d–%d"), first + 1, last + 1);
        }
      append_attribute (out, _ ("Transcript"), s->str, FALSE);
    }
  append_attribute (out, _ ("Rupture types"), kts_episode_get_rupture_types (episode), TRUE);
  append_attribute (out, _ ("Initiator"), initiator_name (kts_episode_get_initiator (episode)),
                    TRUE);
  append_attribute (out, _ ("Resolution"), resolution_name (kts_episode_get_resolution (episode)),
                    TRUE);
  append_attribute (out, _ ("Themes"), kts_episode_get_themes (episode), TRUE);
  append_attribute (out, _ ("Pattern formula"), kts_episode_get_pattern_formula (episode), TRUE);
  append_attribute (out, _ ("Temporal pattern"), kts_episode_get_temporal_pattern (episode), FALSE);
  append_attribute (out, _ ("Course"), kts_episode_get_course (episode), FALSE);
  append_attribute (out, _ ("Intensity"), kts_episode_get_intensity (episode), FALSE);
  append_attribute (out, _ ("Alliance component"), kts_episode_get_alliance_component (episode),
                    FALSE);
  append_attribute (out, _ ("Repair mode"), kts_episode_get_repair_mode (episode), FALSE);
  append_attribute (out, _ ("Detected by"), kts_episode_get_detected_by (episode), FALSE);
  append_attribute (out, _ ("Status"),
                    kts_episode_get_status (episode) == KTS_EPISODE_STATUS_VALIDATED
                        ? C_ ("status", "validated against the transcript")
                        : C_ ("status", "draft, not yet validated"),
                    TRUE);
  {
    g_autofree char *s = g_strdup_printf ("%u", n_moves);
    append_attribute (out, _ ("Moves"), s, TRUE);
  }
  g_string_append (out, "</dl>\n");

  append_figure (r, episode, number);
  append_moves (r, episode, number);
  g_string_append (out, "<p class=\"up\"><a href=\"#contents\">");
  append_escaped (out, _ ("Back to contents"));
  g_string_append (out, "</a></p>\n</section>\n");
}

static void
append_episodes (Report *r)
{
  GString *out = r->out;

  if (r->episodes->len == 0)
    return;
  g_string_append (out, "<section id=\"episodes\" aria-labelledby=\"episodes-title\">\n"
                        "<h2 id=\"episodes-title\">");
  append_escaped (out, _ ("Episodes"));
  g_string_append (out, "</h2>\n");
  for (guint i = 0; i < r->episodes->len; i++)
    append_episode (r, g_ptr_array_index (r->episodes, i), i + 1);
  g_string_append (out, "</section>\n");
}

static void
append_tail (Report *r)
{
  GString         *out = r->out;
  g_autofree char *line
      = g_strdup_printf (_ ("Made with Kintsugi %s on %s."), PACKAGE_VERSION, r->date);

  g_string_append (out, "<footer>");
  append_escaped (out, line);
  g_string_append (out, "</footer>\n");
  {
    /* The fonts of the maps' text, each a subset, once: into the head's style. */
    g_autofree char *css = kts_svg_text_dup_font_css (r->text);
    const char      *head_end = strstr (out->str, "</style>\n</head>");

    if (css[0] != '\0' && head_end != NULL)
      g_string_insert (out, head_end - out->str, css);
  }
  if (kts_svg_glyphs_get_n_glyphs (r->glyphs) > 0)
    {
      /* The letters of every map, drawn once. */
      g_string_append (out, "<svg class=\"glyphs\" aria-hidden=\"true\" focusable=\"false\">"
                            "<defs>\n");
      kts_svg_glyphs_append_symbols (r->glyphs, out);
      g_string_append (out, "</defs></svg>\n");
    }
  g_string_append (out, "</body>\n</html>\n");
}

GBytes *
kts_report_render (KtsProject *project, const KtsReportOptions *options)
{
  KtsReportOptions defaults;
  Report           r = { 0 };

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);

  if (options == NULL)
    {
      kts_report_options_init (&defaults);
      options = &defaults;
    }
  r.project = project;
  r.options = options;
  if (options->date != NULL)
    r.date = g_strdup (options->date);
  else
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      r.date = g_date_time_format (now, "%Y-%m-%d");
    }
  r.out = g_string_sized_new (64 * 1024);
  r.glyphs = kts_svg_glyphs_new ("glyph-");
  r.text = kts_svg_text_new (TRUE);
  collect (&r);
  r.identifiable = kts_report_identifiable_documents (project, options);

  append_head (&r);
  append_title_page (&r);
  append_contents (&r);
  g_string_append (r.out, "<main>\n");
  append_codebook (&r);
  if (options->segments)
    append_segments (&r);
  append_episodes (&r);
  g_string_append (r.out, "</main>\n");
  append_tail (&r);

  report_clear (&r);
  return g_string_free_to_bytes (r.out);
}

gboolean
kts_report_export (KtsProject             *project,
                   const KtsReportOptions *options,
                   const char             *path,
                   GError                **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = kts_report_render (project, options);
  return kts_file_write_atomic (path, bytes, NULL, error);
}
