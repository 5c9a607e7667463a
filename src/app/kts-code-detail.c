/* kts-code-detail.c: the page about one code in the Codebook view: read it, or edit every field.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-code-detail"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kts-code-chip.h"
#include "kts-code-detail.h"
#include "kts-color-palette.h"
#include "kts-color-swatch.h"
#include "kts-contrast-card.h"
#include "kts-wrap-box.h"

/* Typing is applied after this pause. */
#define COMMIT_DELAY_MS 400

struct _KtsCodeDetail
{
  GtkWidget parent_instance;

  GtkWidget *scrolled;
  GtkWidget *clamp;
  GtkWidget *content;
  GtkWidget *header_name;   /* in the page, not owned */
  GtkWidget *header_swatch; /* in the page, not owned */

  KtsProject             *project;
  const KtsCodebookGuide *guide;
  KtsCode                *code;
  GSignalGroup           *code_signals;
  GSignalGroup           *project_signals;
  guint                   rebuild_source;
  gboolean                editing;

  /* editing */
  GHashTable *editors;        /* property name → editor widget (not owned) */
  char       *merge_property; /* the field whose typing is one undo step */
  KtsCode    *merge_code;     /* weak */
  guint64     merge_serial;   /* the project's change serial after that step */
  char       *pending;        /* the field waiting for COMMIT_DELAY_MS */
  guint       commit_source;
  gboolean    applying; /* inside our own change: do not reload editors */
};

G_DEFINE_FINAL_TYPE (KtsCodeDetail, kts_code_detail, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild (KtsCodeDetail *self);

/* ---- words ---------------------------------------------------------------------- */

const char *
kts_code_family_label (const char *family)
{
  static const struct
  {
    const char *family;
    const char *label;
  } labels[] = {
    { "blatt", N_ ("Blatt expression") },       { "rupture-marker", N_ ("Rupture marker") },
    { "landmark", N_ ("Episode landmark") },    { "repair", N_ ("Repair and resolution") },
    { "strategy", N_ ("Response strategy") },   { "metacommunication", N_ ("Metacommunication") },
    { "theme", N_ ("Theme (analysis layer)") }, { "review", N_ ("Scoping-review code") },
    { "reference", N_ ("Reference only") },
  };

  for (guint i = 0; family != NULL && i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (family, labels[i].family))
      return _ (labels[i].label);
  return family;
}

const char *
kts_code_basis_label (const char *basis)
{
  if (g_strcmp0 (basis, "source-defined") == 0)
    return _ ("Source-defined");
  if (g_strcmp0 (basis, "source-described") == 0)
    return _ ("Source-described");
  if (g_strcmp0 (basis, "label-only") == 0)
    return _ ("Label only (analyst’s working definition)");
  return basis;
}

const char *
kts_code_basis_explanation (const char *basis)
{
  if (g_strcmp0 (basis, "source-defined") == 0)
    return _ ("The source describes the construct; the definition follows it.");
  if (g_strcmp0 (basis, "source-described") == 0)
    return _ ("Derived from the source’s narratives or examples.");
  if (g_strcmp0 (basis, "label-only") == 0)
    return _ ("The source gives only the name; the definition is the analyst’s working "
              "definition.");
  return NULL;
}

/* The seeds of the default codebook, by the start of their file name. */
static const char *
seed_description (const char *file)
{
  static const struct
  {
    const char *prefix;
    const char *text;
  } seeds[] = {
    { "000_", N_ ("S000: Karlsson-Söderström and Holmqvist, “Self-definition issues may veil "
                  "relational needs and fears in negotiations of the alliance” (EJQRP)") },
    { "001_", N_ ("S001: abstract page of S000 (EJQRP, 2025)") },
    { "002_", N_ ("S002: Jansen (2025), scoping review of rupture and repair, University of "
                  "Twente") },
    { "003_", N_ ("S003: ruptures, impasses and enactments, almost certainly Safran and Kraus "
                  "(2014), Psychotherapy 51(3)") },
    { "004_", N_ ("S004: Alsabeh, “When Things Go Wrong: Managing Therapeutic Ruptures” (blog "
                  "post)") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    if (g_str_has_prefix (file, seeds[i].prefix))
      return _ (seeds[i].text);
  return file;
}

static const char *
dimension_label (KtsDimension dimension)
{
  switch (dimension)
    {
    case KTS_DIMENSION_SELF_DEFINITION:
      return _ ("Self-definition");
    case KTS_DIMENSION_RELATEDNESS:
      return _ ("Relatedness");
    case KTS_DIMENSION_BOTH:
      return _ ("Both dimensions");
    case KTS_DIMENSION_NONE:
    default:
      return NULL;
    }
}

/* ---- helpers ---------------------------------------------------------------------- */

static GtkWidget *
text_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
tag_new (const char *text, const char *extra_class)
{
  GtkWidget *tag = gtk_label_new (text);

  gtk_widget_add_css_class (tag, "tag");
  if (extra_class != NULL)
    gtk_widget_add_css_class (tag, extra_class);
  return tag;
}

static GtkWidget *
section_new (GtkWidget *content, const char *heading)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_widget_add_css_class (box, "code-section");
  if (heading != NULL)
    {
      GtkWidget *title = gtk_label_new (heading);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "heading");
      gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
      gtk_box_append (GTK_BOX (box), title);
    }
  gtk_box_append (GTK_BOX (content), box);
  return box;
}

/* "(analyst) Reflective silence …": the hint is the analyst's proposal, not
 * the source's; say so in words and show the rest. */
static GtkWidget *
hint_widget (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  if (g_str_has_prefix (text, "(analyst)"))
    {
      GtkWidget *tag = tag_new (_ ("Analyst’s proposal"), "analyst");

      gtk_widget_set_halign (tag, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (tag, _ ("Proposed by the analyst; not stated in the sources"));
      gtk_box_append (GTK_BOX (box), tag);
      text += strlen ("(analyst)");
      while (*text == ' ')
        text++;
    }
  gtk_box_append (GTK_BOX (box), text_label (text, "code-body"));
  return box;
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static char **
split_list (const char *text)
{
  g_auto (GStrv) parts = NULL;
  GPtrArray *out = g_ptr_array_new ();

  if (text != NULL)
    {
      parts = g_strsplit_set (text, ",;", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *item = g_strstrip (parts[i]);
          if (*item != '\0')
            g_ptr_array_add (out, g_strdup (item));
        }
    }
  g_ptr_array_add (out, NULL);
  return (char **)g_ptr_array_free (out, FALSE);
}

static guint
count_subtree (KtsProject *project, KtsCode *code)
{
  GListModel *children = kts_code_get_children (code);
  guint       n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (KtsCode) child = g_list_model_get_item (children, i);
      n += kts_project_count_visible_codings (project, child) + count_subtree (project, child);
    }
  return n;
}

static guint
n_blatt_codes (KtsProject *project, KtsDimension dimension)
{
  g_autoptr (GPtrArray) codes = kts_codebook_list_codes (kts_project_get_codebook (project));
  guint n = 0;

  for (guint i = 0; i < codes->len; i++)
    {
      KtsCode *c = g_ptr_array_index (codes, i);
      if (kts_code_get_dimension (c) == dimension && kts_code_get_blatt_rank (c) > 0)
        n++;
    }
  return n;
}

static void
clear_content (KtsCodeDetail *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->editors);
  self->header_name = NULL;
  self->header_swatch = NULL;
  while ((child = gtk_widget_get_first_child (self->content)) != NULL)
    gtk_box_remove (GTK_BOX (self->content), child);
}

static void
edit_clicked_cb (KtsCodeDetail *self)
{
  kts_code_detail_set_editing (self, !self->editing);
}

static GtkWidget *
header_new (KtsCodeDetail *self)
{
  GtkWidget  *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 14);
  GtkWidget  *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget  *swatch = kts_color_swatch_new (kts_code_get_color (self->code));
  GtkWidget  *name = text_label (kts_code_get_name (self->code), "title-1");
  GtkWidget  *button = gtk_button_new ();
  GtkWidget  *button_content = adw_button_content_new ();
  const char *key = kts_code_get_key (self->code);

  gtk_widget_add_css_class (box, "code-header");
  self->header_name = name;
  self->header_swatch = swatch;
  gtk_widget_set_size_request (swatch, 28, 28);
  gtk_widget_set_valign (swatch, GTK_ALIGN_START);
  gtk_widget_set_margin_top (swatch, 6);
  gtk_box_append (GTK_BOX (box), swatch);

  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (titles), name);
  if (key != NULL)
    gtk_box_append (GTK_BOX (titles), text_label (key, "code-detail-key"));
  gtk_box_append (GTK_BOX (box), titles);

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (button_content),
                                    self->editing ? "object-select-symbolic"
                                                  : "document-edit-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (button_content),
                                self->editing ? _ ("_Done") : _ ("_Edit"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (button_content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), button_content);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, self->editing ? _ ("Finish editing")
                                                     : _ ("Edit every field of this code"));
  if (self->editing)
    gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (edit_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

/* ---- reading ---------------------------------------------------------------------- */

static void
add_tags (KtsCodeDetail *self)
{
  KtsCode     *code = self->code;
  GtkWidget   *tags = kts_wrap_box_new (6);
  KtsDimension dimension = kts_code_get_dimension (code);
  KtsMaturity  maturity = kts_code_get_maturity (code);
  int          rank = kts_code_get_blatt_rank (code);
  const char  *family = kts_code_get_family (code);

  if (dimension_label (dimension) != NULL)
    kts_wrap_box_append (KTS_WRAP_BOX (tags), tag_new (dimension_label (dimension), NULL));
  if (maturity != KTS_MATURITY_UNSET || rank > 0)
    {
      const char      *band = maturity == KTS_MATURITY_MORE_MATURE   ? _ ("More mature")
                              : maturity == KTS_MATURITY_LESS_MATURE ? _ ("Less mature")
                                                                     : NULL;
      g_autofree char *text = NULL;
      guint            n = n_blatt_codes (self->project, dimension);

      if (band != NULL && rank > 0)
        /* Translators: "Less mature · rank 2 of 13 in Blatt’s list" */
        text = g_strdup_printf (_ ("%s · rank %d of %u in Blatt’s list"), band, rank, MAX (n, 1u));
      else if (rank > 0)
        text = g_strdup_printf (_ ("Rank %d of %u in Blatt’s list"), rank, MAX (n, 1u));
      else
        text = g_strdup (band);
      kts_wrap_box_append (KTS_WRAP_BOX (tags), tag_new (text, NULL));
    }
  if (family != NULL)
    kts_wrap_box_append (KTS_WRAP_BOX (tags), tag_new (kts_code_family_label (family), NULL));
  if (!kts_code_get_codable (code))
    kts_wrap_box_append (KTS_WRAP_BOX (tags),
                         tag_new (_ ("Category: not applied to text"), "category"));
  if (kts_code_is_theory_layer (code))
    {
      GtkWidget *tag = tag_new (_ ("Theory layer"), NULL);

      gtk_widget_set_tooltip_text (
          tag, _ ("Hidden while “Hide theory layers until step 5” is on (bracketing)"));
      kts_wrap_box_append (KTS_WRAP_BOX (tags), tag);
    }
  gtk_box_append (GTK_BOX (self->content), tags);
}

static void
add_parents (KtsCodeDetail *self)
{
  KtsCode   *parent = kts_code_get_parent (self->code);
  GtkWidget *line;
  GPtrArray *chain;

  if (parent == NULL)
    return;
  chain = g_ptr_array_new ();
  for (KtsCode *c = parent; c != NULL; c = kts_code_get_parent (c))
    g_ptr_array_insert (chain, 0, c);

  line = kts_chip_box_new ();
  gtk_widget_add_css_class (line, "code-path");
  {
    GtkWidget *in = gtk_label_new (_ ("In"));
    gtk_widget_add_css_class (in, "dim-label");
    gtk_widget_set_valign (in, GTK_ALIGN_CENTER);
    kts_chip_box_append (line, in);
  }
  for (guint i = 0; i < chain->len; i++)
    {
      if (i > 0)
        {
          GtkWidget *sep = gtk_label_new ("›");
          gtk_widget_add_css_class (sep, "dim-label");
          gtk_widget_set_valign (sep, GTK_ALIGN_CENTER);
          kts_chip_box_append (line, sep);
        }
      kts_chip_box_append (line,
                           kts_code_chip_new (self->project, g_ptr_array_index (chain, i), NULL));
    }
  g_ptr_array_unref (chain);
  gtk_box_append (GTK_BOX (self->content), line);
}

static void
add_usage (KtsCodeDetail *self)
{
  const char *include = kts_code_get_include (self->code);
  const char *exclude = kts_code_get_exclude (self->code);
  GtkWidget  *row;

  if (!has_text (include) && !has_text (exclude))
    return;

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  for (guint i = 0; i < 2; i++)
    {
      const char *text = i == 0 ? include : exclude;
      GtkWidget  *box, *title_box, *icon, *title;

      if (!has_text (text))
        continue;
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
      gtk_widget_add_css_class (box, "usage");
      gtk_widget_add_css_class (box, i == 0 ? "include" : "exclude");
      title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      icon = gtk_image_new_from_icon_name (i == 0 ? "object-select-symbolic"
                                                  : "action-unavailable-symbolic");
      title = gtk_label_new (i == 0 ? _ ("When to Use") : _ ("When Not to Use"));
      gtk_widget_add_css_class (title, "heading");
      gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
      gtk_box_append (GTK_BOX (title_box), icon);
      gtk_box_append (GTK_BOX (title_box), title);
      gtk_box_append (GTK_BOX (box), title_box);
      gtk_box_append (GTK_BOX (box), hint_widget (text));
      gtk_box_append (GTK_BOX (row), box);
    }
  gtk_box_append (GTK_BOX (self->content), row);
}

static void
add_links (KtsCodeDetail *self)
{
  KtsCodebook *codebook = kts_project_get_codebook (self->project);
  GListModel  *children = kts_code_get_children (self->code);
  g_auto (GStrv) targets = split_list (kts_code_get_maps_to (self->code));
  const char *key = kts_code_get_key (self->code);
  GtkWidget  *box;

  if (g_list_model_get_n_items (children) > 0)
    {
      box = kts_chip_box_new ();
      for (guint i = 0; i < g_list_model_get_n_items (children); i++)
        {
          g_autoptr (KtsCode) child = g_list_model_get_item (children, i);
          kts_chip_box_append (box, kts_code_chip_new (self->project, child, NULL));
        }
      gtk_box_append (GTK_BOX (section_new (self->content, _ ("Sub-codes"))), box);
    }

  if (targets[0] != NULL)
    {
      box = kts_chip_box_new ();
      for (guint i = 0; targets[i] != NULL; i++)
        kts_chip_box_append (box, kts_code_chip_new_for_key (self->project, targets[i], NULL));
      gtk_box_append (GTK_BOX (section_new (self->content, _ ("Maps To"))), box);
    }

  /* The other direction: codes whose maps-to names this one. */
  if (key != NULL)
    {
      g_autoptr (GPtrArray) codes = kts_codebook_list_codes (codebook);
      GtkWidget *from = NULL;

      for (guint i = 0; i < codes->len; i++)
        {
          KtsCode *c = g_ptr_array_index (codes, i);
          g_auto (GStrv) its = NULL;

          if (c == self->code || kts_code_get_maps_to (c) == NULL)
            continue;
          its = split_list (kts_code_get_maps_to (c));
          if (!g_strv_contains ((const char *const *)its, key))
            continue;
          if (from == NULL)
            from = kts_chip_box_new ();
          kts_chip_box_append (from, kts_code_chip_new (self->project, c, NULL));
        }
      if (from != NULL)
        gtk_box_append (GTK_BOX (section_new (self->content, _ ("Mapped From"))), from);
    }
}

static void
add_cards (KtsCodeDetail *self)
{
  const char *key = kts_code_get_key (self->code);
  g_autoptr (GPtrArray) cards = NULL;
  GtkWidget *section;
  GtkWidget *intro;

  if (self->guide == NULL || key == NULL)
    return;
  cards = kts_codebook_guide_cards_for ((KtsCodebookGuide *)self->guide, key);
  for (guint i = cards->len; i > 0; i--)
    if (kts_contrast_card_hidden (self->project, g_ptr_array_index (cards, i - 1)))
      g_ptr_array_remove_index (cards, i - 1);
  if (cards->len == 0)
    return;

  section = section_new (self->content, _ ("Easily Confused"));
  gtk_widget_add_css_class (section, "code-cards");
  intro = text_label (_ ("Contrast cards for codes that students often mix up with this one."),
                      "dim-label");
  gtk_box_append (GTK_BOX (section), intro);
  for (guint i = 0; i < cards->len; i++)
    gtk_box_append (GTK_BOX (section),
                    kts_contrast_card_new (self->project, g_ptr_array_index (cards, i), key));
}

static void
fact_row (GtkWidget *grid, int row, const char *title, const char *value)
{
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *text = text_label (value, NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_yalign (GTK_LABEL (name), 0);
  gtk_widget_set_valign (name, GTK_ALIGN_START);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_widget_add_css_class (name, "fact-name");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_grid_attach (GTK_GRID (grid), name, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), text, 1, row, 1, 1);
}

static void
add_facts (KtsCodeDetail *self)
{
  KtsCode         *code = self->code;
  GtkWidget       *grid = gtk_grid_new ();
  const char      *basis = kts_code_get_basis (code);
  const char      *unit = kts_code_get_unit (code);
  guint            n = kts_project_count_visible_codings (self->project, code);
  guint            below = count_subtree (self->project, code);
  int              row = 0;
  g_autofree char *codings = NULL;
  g_auto (GStrv) sources = split_list (kts_code_get_source (code));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_widget_add_css_class (grid, "card");
  gtk_widget_add_css_class (grid, "code-facts");

  codings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coding", "%u codings", n), n);
  if (below > 0)
    {
      g_autofree char *with
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, and %u of its sub-codes",
                                          "%s, and %u of its sub-codes", below),
                             codings, below);
      g_free (codings);
      codings = g_steal_pointer (&with);
    }
  fact_row (grid, row++, _ ("In this project"), codings);

  if (sources[0] != NULL)
    {
      g_autoptr (GString) text = g_string_new (NULL);

      for (guint i = 0; sources[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, seed_description (sources[i]));
        }
      fact_row (grid, row++, g_strv_length (sources) > 1 ? _ ("Sources") : _ ("Source"), text->str);
    }
  if (basis != NULL)
    {
      const char      *why = kts_code_basis_explanation (basis);
      g_autofree char *text = why != NULL
                                  ? g_strdup_printf ("%s. %s", kts_code_basis_label (basis), why)
                                  : g_strdup (basis);

      fact_row (grid, row++, _ ("Basis"), text);
    }
  if (unit != NULL)
    fact_row (grid, row++, _ ("Unit"), unit);

  gtk_box_append (GTK_BOX (section_new (self->content, _ ("About This Code"))), grid);
}

static void
build_read (KtsCodeDetail *self)
{
  KtsCode    *code = self->code;
  const char *definition = kts_code_get_definition (code);
  const char *example = kts_code_get_example (code);
  const char *notes = kts_code_get_notes (code);

  gtk_box_append (GTK_BOX (self->content), header_new (self));
  add_tags (self);
  add_parents (self);

  {
    GtkWidget *section = section_new (self->content, _ ("Definition"));

    if (has_text (definition))
      gtk_box_append (GTK_BOX (section), text_label (definition, "code-definition"));
    else
      gtk_box_append (GTK_BOX (section),
                      text_label (_ ("No definition yet. Use Edit to write one."), "dim-label"));
  }
  if (has_text (example))
    {
      GtkWidget *section = section_new (self->content, _ ("Example"));
      GtkWidget *quote = text_label (example, NULL);

      kts_quote_label_style (quote);
      gtk_box_append (GTK_BOX (section), quote);
    }
  add_usage (self);
  if (has_text (notes))
    gtk_box_append (GTK_BOX (section_new (self->content, _ ("Notes"))),
                    text_label (notes, "code-body"));
  add_links (self);
  add_cards (self);
  add_facts (self);
}

/* ---- editing ---------------------------------------------------------------------- */

static const char *const text_fields[] = { "definition", "example", "include", "exclude", "notes" };

static char *
editor_text (KtsCodeDetail *self, GtkWidget *editor)
{
  if (GTK_IS_TEXT_VIEW (editor))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
      GtkTextIter    start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor)));
}

static void
set_editor_error (GtkWidget *editor, const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (editor, "error");
      gtk_widget_set_tooltip_text (editor, message);
    }
  else
    {
      gtk_widget_remove_css_class (editor, "error");
      gtk_widget_set_tooltip_text (editor, NULL);
    }
}

/* NULL if @value may go into @property, else why not. */
static char *
validate (KtsCodeDetail *self, const char *property, const char *value)
{
  if (g_str_equal (property, "name") && (value == NULL || *value == '\0'))
    return g_strdup (_ ("A code needs a name"));
  if (g_str_equal (property, "key") && value != NULL && *value != '\0')
    {
      KtsCode *other = kts_codebook_lookup_key (kts_project_get_codebook (self->project), value);

      if (other != NULL && other != self->code)
        return g_strdup_printf (_ ("The key “%s” is already used by “%s”"), value,
                                kts_code_get_name (other));
    }
  return NULL;
}

static void
end_merge (KtsCodeDetail *self)
{
  g_clear_pointer (&self->merge_property, g_free);
  g_clear_weak_pointer (&self->merge_code);
}

/* Sets @property of the code to @value as an undo step; consecutive changes of
 * one field (until end_merge()) replace each other's step, so undo takes the
 * field back to where its editing began. */
static void
apply_value (KtsCodeDetail *self, const char *property, const GValue *value)
{
  guint64 serial;

  if (self->merge_property != NULL && g_str_equal (self->merge_property, property)
      && self->merge_code == self->code
      && kts_project_get_change_serial (self->project) == self->merge_serial
      && kts_project_can_undo (self->project))
    kts_project_undo (self->project);

  serial = kts_project_get_change_serial (self->project);
  kts_project_set_property (self->project, self->code, property, value);
  if (kts_project_get_change_serial (self->project) != serial)
    {
      g_free (self->merge_property);
      self->merge_property = g_strdup (property);
      g_set_weak_pointer (&self->merge_code, self->code);
      self->merge_serial = kts_project_get_change_serial (self->project);
    }
  else
    end_merge (self);
}

static void
commit_property (KtsCodeDetail *self, const char *property)
{
  GtkWidget  *editor = g_hash_table_lookup (self->editors, property);
  GParamSpec *pspec;
  g_auto (GValue) current = G_VALUE_INIT;
  g_auto (GValue) value = G_VALUE_INIT;

  if (editor == NULL || self->code == NULL || self->project == NULL || self->applying)
    return;
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->code), property);
  g_return_if_fail (pspec != NULL);

  g_value_init (&value, pspec->value_type);
  if (pspec->value_type == G_TYPE_STRING && ADW_IS_COMBO_ROW (editor))
    {
      /* A string chosen from a list: the values sit beside the labels. */
      const char *const *values = g_object_get_data (G_OBJECT (editor), "kts-values");
      guint              selected = adw_combo_row_get_selected (ADW_COMBO_ROW (editor));

      if (selected >= g_strv_length ((char **)values))
        return;
      g_value_set_string (&value, *values[selected] != '\0' ? values[selected] : NULL);
    }
  else if (pspec->value_type == G_TYPE_STRING)
    {
      g_autofree char *text = editor_text (self, editor);
      g_autofree char *error = NULL;

      if (g_str_equal (property, "name") || g_str_equal (property, "key"))
        g_strstrip (text);
      error = validate (self, property, text);
      set_editor_error (editor, error);
      if (error != NULL)
        return;
      g_value_set_string (&value, *text != '\0' ? text : NULL);
    }
  else if (G_TYPE_IS_ENUM (pspec->value_type))
    g_value_set_enum (&value, (int)adw_combo_row_get_selected (ADW_COMBO_ROW (editor)));
  else if (pspec->value_type == G_TYPE_INT)
    g_value_set_int (&value, gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (editor)));
  else if (pspec->value_type == G_TYPE_BOOLEAN)
    g_value_set_boolean (&value, gtk_switch_get_active (GTK_SWITCH (editor)));
  else
    g_return_if_reached ();

  g_value_init (&current, pspec->value_type);
  g_object_get_property (G_OBJECT (self->code), property, &current);
  if (g_param_values_cmp (pspec, &current, &value) == 0)
    return;

  self->applying = TRUE;
  apply_value (self, property, &value);
  self->applying = FALSE;
}

void
kts_code_detail_commit (KtsCodeDetail *self)
{
  g_return_if_fail (KTS_IS_CODE_DETAIL (self));

  g_clear_handle_id (&self->commit_source, g_source_remove);
  if (self->pending != NULL)
    {
      g_autofree char *property = g_steal_pointer (&self->pending);
      commit_property (self, property);
    }
}

static gboolean
commit_timeout_cb (gpointer data)
{
  KtsCodeDetail *self = data;

  self->commit_source = 0;
  kts_code_detail_commit (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_commit (KtsCodeDetail *self, const char *property)
{
  if (self->applying)
    return;
  if (self->pending != NULL && !g_str_equal (self->pending, property))
    kts_code_detail_commit (self);
  g_free (self->pending);
  self->pending = g_strdup (property);
  g_clear_handle_id (&self->commit_source, g_source_remove);
  self->commit_source = g_timeout_add (COMMIT_DELAY_MS, commit_timeout_cb, self);
}

static void
text_changed_cb (GObject *object, KtsCodeDetail *self)
{
  schedule_commit (self, g_object_get_data (object, "kts-property"));
}

static void
editor_changed_now_cb (GObject *object, GParamSpec *pspec, KtsCodeDetail *self)
{
  const char *property = g_object_get_data (object, "kts-property");

  if (self->applying)
    return;
  kts_code_detail_commit (self);
  commit_property (self, property);
  end_merge (self);
}

static void
spin_changed_cb (GtkSpinButton *spin, KtsCodeDetail *self)
{
  if (!self->applying)
    commit_property (self, "blatt-rank");
}

static void
focus_leave_cb (GtkEventControllerFocus *controller, KtsCodeDetail *self)
{
  kts_code_detail_commit (self);
  end_merge (self);
}

static void
watch_focus (KtsCodeDetail *self, GtkWidget *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (widget, focus);
}

/* Shows the model's value of @property in its editor. */
static void
load_editor (KtsCodeDetail *self, const char *property)
{
  GtkWidget  *editor = g_hash_table_lookup (self->editors, property);
  GParamSpec *pspec;
  g_auto (GValue) value = G_VALUE_INIT;
  gboolean applying = self->applying;

  if (editor == NULL)
    return;
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->code), property);
  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (self->code), property, &value);

  self->applying = TRUE;
  if (GTK_IS_TEXT_VIEW (editor))
    {
      const char      *text = g_value_get_string (&value);
      g_autofree char *shown = editor_text (self, editor);

      if (g_strcmp0 (shown, text != NULL ? text : "") != 0)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)),
                                  text != NULL ? text : "", -1);
    }
  else if (GTK_IS_EDITABLE (editor) && pspec->value_type == G_TYPE_STRING)
    {
      const char *text = g_value_get_string (&value);

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (editor)), text != NULL ? text : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (editor), text != NULL ? text : "");
      set_editor_error (editor, NULL);
    }
  else if (GTK_IS_SPIN_BUTTON (editor))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), g_value_get_int (&value));
  else if (ADW_IS_COMBO_ROW (editor) && pspec->value_type == G_TYPE_STRING)
    {
      const char *const *values = g_object_get_data (G_OBJECT (editor), "kts-values");
      const char        *text = g_value_get_string (&value);

      for (guint i = 0; values[i] != NULL; i++)
        if (g_strcmp0 (values[i], text != NULL ? text : "") == 0)
          adw_combo_row_set_selected (ADW_COMBO_ROW (editor), i);
    }
  else if (ADW_IS_COMBO_ROW (editor))
    adw_combo_row_set_selected (ADW_COMBO_ROW (editor), (guint)g_value_get_enum (&value));
  else if (GTK_IS_SWITCH (editor))
    gtk_switch_set_active (GTK_SWITCH (editor), g_value_get_boolean (&value));
  self->applying = applying;
}

static void
register_editor (KtsCodeDetail *self, GtkWidget *editor, const char *property)
{
  g_object_set_data_full (G_OBJECT (editor), "kts-property", g_strdup (property), g_free);
  g_hash_table_insert (self->editors, g_strdup (property), editor);
  load_editor (self, property);
}

static GtkWidget *
entry_row (KtsCodeDetail *self, GtkWidget *list, const char *property, const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  register_editor (self, row, property);
  g_signal_connect (row, "changed", G_CALLBACK (text_changed_cb), self);
  watch_focus (self, row);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static GtkWidget *
combo_row (KtsCodeDetail     *self,
           GtkWidget         *list,
           const char        *property,
           const char        *title,
           const char *const *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  register_editor (self, row, property);
  g_signal_connect (row, "notify::selected", G_CALLBACK (editor_changed_now_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static GtkWidget *
boxed_list (GtkWidget *parent, const char *heading)
{
  GtkWidget *section = section_new (parent, heading);
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (section), list);
  return list;
}

static void
color_activated_cb (KtsColorPalette *palette, const char *color, KtsCodeDetail *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (palette), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (self->code != NULL && g_strcmp0 (kts_code_get_color (self->code), color) != 0)
    {
      kts_code_detail_commit (self);
      end_merge (self);
      self->applying = TRUE;
      kts_project_set_string (self->project, self->code, "color", color);
      self->applying = FALSE;
    }
}

static void
color_row (KtsCodeDetail *self, GtkWidget *list)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *palette = kts_color_palette_new (kts_project_get_codebook (self->project), 8);
  GtkWidget *swatch = kts_color_swatch_new (kts_code_get_color (self->code));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Colour"));
  kts_color_palette_set_color (KTS_COLOR_PALETTE (palette), kts_code_get_color (self->code));
  g_signal_connect (palette, "color-activated", G_CALLBACK (color_activated_cb), self);
  gtk_popover_set_child (GTK_POPOVER (popover), palette);
  gtk_widget_set_size_request (swatch, 20, 20);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), swatch);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Choose Colour"), -1);
  gtk_widget_set_tooltip_text (button, _ ("Choose Colour"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "kts-swatch", swatch);
  g_hash_table_insert (self->editors, g_strdup ("color"), row);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

/* The basis is one of three words (brief A.0); a codebook from elsewhere may
 * use another, which is offered too. */
static void
basis_row (KtsCodeDetail *self, GtkWidget *list)
{
  const char *current = kts_code_get_basis (self->code);
  GPtrArray  *values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget               *row = adw_combo_row_new ();
  static const char *const known[] = { "", "source-defined", "source-described", "label-only" };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_ptr_array_add (values, g_strdup (known[i]));
      gtk_string_list_append (labels, i == 0 ? _ ("Not stated") : kts_code_basis_label (known[i]));
    }
  if (current != NULL && !g_strv_contains (known, current))
    {
      g_ptr_array_add (values, g_strdup (current));
      gtk_string_list_append (labels, current);
    }
  g_ptr_array_add (values, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Basis"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  g_object_set_data_full (G_OBJECT (row), "kts-values", g_ptr_array_free (values, FALSE),
                          (GDestroyNotify)g_strfreev);
  register_editor (self, row, "basis");
  g_signal_connect (row, "notify::selected", G_CALLBACK (editor_changed_now_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

static const char *
text_field_title (const char *property)
{
  if (g_str_equal (property, "definition"))
    return _ ("Definition");
  if (g_str_equal (property, "example"))
    return _ ("Example");
  if (g_str_equal (property, "include"))
    return _ ("When to Use");
  if (g_str_equal (property, "exclude"))
    return _ ("When Not to Use");
  return _ ("Notes");
}

static void
build_edit (KtsCodeDetail *self)
{
  GtkWidget        *list;
  GtkWidget        *row;
  GtkWidget        *spin;
  GtkWidget        *toggle;
  GtkWidget        *section;
  const char *const dimensions[]
      = { _ ("None"), _ ("Self-definition"), _ ("Relatedness"), _ ("Both"), NULL };
  const char *const maturities[] = { _ ("Not set"), _ ("Less mature"), _ ("More mature"), NULL };

  gtk_box_append (GTK_BOX (self->content), header_new (self));
  gtk_box_append (GTK_BOX (self->content),
                  text_label (_ ("Changes apply as you type. Undo takes a field back to how it "
                                 "was before you edited it."),
                              "dim-label"));

  list = boxed_list (self->content, _ ("Name and Key"));
  entry_row (self, list, "name", _ ("_Name"));
  entry_row (self, list, "key", _ ("_Key"));
  color_row (self, list);

  section = section_new (self->content, _ ("Description"));
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkWidget *title = gtk_label_new (text_field_title (text_fields[i]));
      GtkWidget *view = gtk_text_view_new ();
      GtkWidget *frame = gtk_frame_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "caption-heading");
      gtk_widget_add_css_class (title, "dim-label");
      if (i > 0)
        gtk_widget_set_margin_top (title, 6);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
      gtk_widget_set_size_request (view, -1, 64);
      gtk_widget_add_css_class (view, "code-editor-text");
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      text_field_title (text_fields[i]), -1);
      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_widget_add_css_class (frame, "code-editor-frame");
      register_editor (self, view, text_fields[i]);
      g_object_set_data_full (G_OBJECT (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view))),
                              "kts-property", g_strdup (text_fields[i]), g_free);
      g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                        G_CALLBACK (text_changed_cb), self);
      watch_focus (self, view);
      gtk_box_append (GTK_BOX (section), title);
      gtk_box_append (GTK_BOX (section), frame);
    }

  list = boxed_list (self->content, _ ("Classification"));
  combo_row (self, list, "dimension", _ ("Dimension"), dimensions);
  combo_row (self, list, "maturity", _ ("Maturity"), maturities);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Rank in Blatt’s List"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _ ("Ordinal list order; 0 for none"));
  spin = gtk_spin_button_new_with_range (0, 99, 1);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Rank in Blatt’s List"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  register_editor (self, spin, "blatt-rank");
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_changed_cb), self);
  watch_focus (self, spin);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  entry_row (self, list, "family", _ ("_Family"));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Applied to Text"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _ ("Off for categories and reference principles"));
  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Applied to Text"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  register_editor (self, toggle, "codable");
  g_signal_connect (toggle, "notify::active", G_CALLBACK (editor_changed_now_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  list = boxed_list (self->content, _ ("Provenance"));
  entry_row (self, list, "source", _ ("_Source"));
  basis_row (self, list);
  row = entry_row (self, list, "maps-to", _ ("_Maps To"));
  gtk_widget_set_tooltip_text (row, _ ("Keys of other codes, separated by commas"));
  entry_row (self, list, "unit", _ ("_Unit"));
}

/* ---- state ---------------------------------------------------------------------- */

static void
rebuild (KtsCodeDetail *self)
{
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  clear_content (self);
  if (self->code == NULL || self->project == NULL)
    return;
  if (self->editing)
    build_edit (self);
  else
    build_read (self);
}

static gboolean
rebuild_cb (gpointer data)
{
  KtsCodeDetail *self = data;

  self->rebuild_source = 0;
  if (!self->editing)
    rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (KtsCodeDetail *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_cb, self);
}

static void
code_notify_cb (KtsCodeDetail *self, GParamSpec *pspec)
{
  if (!self->editing)
    {
      queue_rebuild (self);
      return;
    }
  if (g_str_equal (pspec->name, "name") && self->header_name != NULL)
    gtk_label_set_text (GTK_LABEL (self->header_name), kts_code_get_name (self->code));
  if (g_str_equal (pspec->name, "color"))
    {
      GtkWidget *row = g_hash_table_lookup (self->editors, "color");

      if (row != NULL)
        kts_color_swatch_set_color (g_object_get_data (G_OBJECT (row), "kts-swatch"),
                                    kts_code_get_color (self->code));
      if (self->header_swatch != NULL)
        kts_color_swatch_set_color (KTS_COLOR_SWATCH (self->header_swatch),
                                    kts_code_get_color (self->code));
      return;
    }
  if (self->applying)
    return;
  /* An undo or redo from outside changed a field: show it, and the typing
   * that follows starts a new undo step. */
  if (g_strcmp0 (self->pending, pspec->name) == 0)
    {
      g_clear_handle_id (&self->commit_source, g_source_remove);
      g_clear_pointer (&self->pending, g_free);
    }
  end_merge (self);
  load_editor (self, pspec->name);
}

static void
project_changed_cb (KtsCodeDetail *self)
{
  if (!self->editing)
    queue_rebuild (self);
}

GtkWidget *
kts_code_detail_new (void)
{
  return g_object_new (KTS_TYPE_CODE_DETAIL, NULL);
}

void
kts_code_detail_set_code (KtsCodeDetail          *self,
                          KtsProject             *project,
                          const KtsCodebookGuide *guide,
                          KtsCode                *code)
{
  g_return_if_fail (KTS_IS_CODE_DETAIL (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));
  g_return_if_fail (code == NULL || KTS_IS_CODE (code));

  /* The same page follows its code and project by itself (and keeps the
   * editors, and the focus, while editing). */
  if (self->code == code && self->project == project && self->guide == guide)
    return;
  kts_code_detail_set_editing (self, FALSE);
  end_merge (self);
  g_set_object (&self->project, project);
  g_set_object (&self->code, code);
  self->guide = guide;
  g_signal_group_set_target (self->code_signals, code);
  g_signal_group_set_target (self->project_signals, project);
  rebuild (self);
  gtk_adjustment_set_value (
      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled)), 0);
}

KtsCode *
kts_code_detail_get_code (KtsCodeDetail *self)
{
  g_return_val_if_fail (KTS_IS_CODE_DETAIL (self), NULL);
  return self->code;
}

gboolean
kts_code_detail_get_editing (KtsCodeDetail *self)
{
  g_return_val_if_fail (KTS_IS_CODE_DETAIL (self), FALSE);
  return self->editing;
}

void
kts_code_detail_set_editing (KtsCodeDetail *self, gboolean editing)
{
  g_return_if_fail (KTS_IS_CODE_DETAIL (self));

  editing = editing && self->code != NULL && self->project != NULL;
  if (self->editing == editing)
    return;
  if (!editing)
    {
      kts_code_detail_commit (self);
      end_merge (self);
    }
  self->editing = editing;
  rebuild (self);
  if (editing)
    {
      GtkWidget *first = g_hash_table_lookup (self->editors, "name");
      if (first != NULL)
        gtk_widget_grab_focus (first);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

GtkWidget *
kts_code_detail_get_editor (KtsCodeDetail *self, const char *property)
{
  g_return_val_if_fail (KTS_IS_CODE_DETAIL (self), NULL);
  g_return_val_if_fail (property != NULL, NULL);
  return g_hash_table_lookup (self->editors, property);
}

/* ---- GObject ------------------------------------------------------------------ */

static void
kts_code_detail_dispose (GObject *object)
{
  KtsCodeDetail *self = KTS_CODE_DETAIL (object);

  g_clear_handle_id (&self->commit_source, g_source_remove);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->editors != NULL)
    g_hash_table_remove_all (self->editors);
  end_merge (self);
  g_clear_object (&self->code_signals);
  g_clear_object (&self->project_signals);
  g_clear_object (&self->code);
  g_clear_object (&self->project);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);

  G_OBJECT_CLASS (kts_code_detail_parent_class)->dispose (object);
}

static void
kts_code_detail_finalize (GObject *object)
{
  KtsCodeDetail *self = KTS_CODE_DETAIL (object);

  g_free (self->pending);
  g_clear_pointer (&self->editors, g_hash_table_unref);
  G_OBJECT_CLASS (kts_code_detail_parent_class)->finalize (object);
}

static void
kts_code_detail_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsCodeDetail *self = KTS_CODE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_EDITING:
      g_value_set_boolean (value, self->editing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_code_detail_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KtsCodeDetail *self = KTS_CODE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_EDITING:
      kts_code_detail_set_editing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_code_detail_class_init (KtsCodeDetailClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_code_detail_dispose;
  object_class->finalize = kts_code_detail_finalize;
  object_class->get_property = kts_code_detail_get_property;
  object_class->set_property = kts_code_detail_set_property;

  properties[PROP_EDITING]
      = g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "codedetail");
}

static void
kts_code_detail_init (KtsCodeDetail *self)
{
  self->editors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  self->clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (self->clamp), 820);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (self->clamp), 600);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->clamp);

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_add_css_class (self->content, "code-detail");
  adw_clamp_set_child (ADW_CLAMP (self->clamp), self->content);

  self->code_signals = g_signal_group_new (KTS_TYPE_CODE);
  g_signal_group_connect_swapped (self->code_signals, "notify", G_CALLBACK (code_notify_cb), self);
  self->project_signals = g_signal_group_new (KTS_TYPE_PROJECT);
  g_signal_group_connect_swapped (self->project_signals, "changed", G_CALLBACK (project_changed_cb),
                                  self);
}
