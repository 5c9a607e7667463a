/* kts-agreement-panel.c: the agreement page of the Analysis view (brief C.3, docs/agreement.md).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-agreement-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "kts-agreement-panel.h"
#include "kts-analysis-view.h"
#include "kts-choice.h"
#include "kts-codebook-guide.h"
#include "kts-color-swatch.h"
#include "kts-core.h"
#include "kts-merge.h"

#define MAX_CONFUSIONS 10

typedef struct
{
  KtsPresenceRow *presence;
  KtsSpanRow     *span;
  guint           order;
} CodeRow;

struct _KtsAgreementPanel
{
  GtkWidget parent_instance;

  /* template */
  GtkWidget *toolbar;
  GtkWidget *reference_label;
  GtkWidget *test_label;
  GtkWidget *more_coders_button;
  GtkWidget *more_coders_box;
  GtkWidget *overlap_label;
  GtkWidget *overlap_spin;
  GtkWidget *any_turn_check;
  GtkWidget *merge_button;
  GtkWidget *toolbar_separator;
  GtkWidget *stack;
  GtkWidget *summary_label;
  GtkWidget *layer_grid;
  GtkWidget *dimension_heading;
  GtkWidget *dimension_caption;
  GtkWidget *dimension_frame;
  GtkWidget *dimension_grid;
  GtkWidget *confusion_caption;
  GtkWidget *confusion_list;
  GtkWidget *code_view;
  GtkWidget *footnote;
  GtkWidget *error_page;

  GtkWidget *reference_drop_down;
  GtkWidget *test_drop_down;
  GtkWidget *layer_drop_down;

  KtsProject *project;
  gulong      changed_id;

  KtsAgreementReport *report;
  GListStore         *codes;       /* KtsCode of the per-code table */
  GHashTable         *code_rows;   /* KtsCode → CodeRow* */
  GHashTable         *more_coders; /* KtsCoder set, checked for alpha */
  KtsCodebookGuide   *guide;

  gboolean stale;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (KtsAgreementPanel, kts_agreement_panel, GTK_TYPE_WIDGET)

static void recompute (KtsAgreementPanel *self);

/* ---- formatting -------------------------------------------------------------------- */

char *
kts_agreement_panel_format (double value)
{
  if (isnan (value))
    return g_strdup ("–");
  return g_strdup_printf ("%.2f", value);
}

static char *
format_percent (double value)
{
  if (isnan (value))
    return g_strdup ("–");
  /* Translators: a percentage, "87.5 %" */
  return g_strdup_printf (_ ("%.1f %%"), value * 100);
}

const char *
kts_agreement_panel_benchmark (double kappa)
{
  if (isnan (kappa))
    return NULL;
  if (kappa >= 0.80)
    return _ ("almost perfect");
  if (kappa >= 0.60)
    return _ ("substantial");
  if (kappa >= 0.40)
    return _ ("moderate");
  if (kappa >= 0.20)
    return _ ("fair");
  if (kappa >= 0.0)
    return _ ("slight");
  return _ ("poor");
}

static const char *
layer_title (KtsAgreementPanel *self, const char *layer)
{
  GListModel *roots;

  if (self->project == NULL || layer == NULL)
    return NULL;
  roots = kts_codebook_get_roots (kts_project_get_codebook (self->project));
  for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
    {
      g_autoptr (KtsCode) code = g_list_model_get_item (roots, i);
      g_autofree char *code_layer = kts_code_dup_layer (code);
      if (g_strcmp0 (code_layer, layer) == 0)
        return kts_code_get_name (code);
    }
  return NULL;
}

/* ---- grids ---------------------------------------------------------------------- */

typedef enum
{
  MEASURE_PERCENT,
  MEASURE_KAPPA,
  MEASURE_PABAK,
  MEASURE_POSITIVE,
  MEASURE_ALPHA,
  MEASURE_PRECISION,
  MEASURE_RECALL,
  MEASURE_F1,
  MEASURE_IOU,
  MEASURE_LENIENT,
  N_MEASURES
} Measure;

static const struct
{
  const char *id;
  const char *title;
  const char *tooltip;
} measures[N_MEASURES] = {
  { "percent", N_ ("Agreement"), N_ ("Share of (turn, code) units where both coders agree") },
  { "kappa", N_ ("κ"), N_ ("Cohen’s kappa: agreement beyond chance, reference and test coder") },
  { "pabak", N_ ("PABAK"),
    N_ ("Prevalence- and bias-adjusted kappa, 2·agreement − 1: read it beside κ for rare codes") },
  { "positive", N_ ("Positive"),
    N_ ("Positive agreement, 2a / (2a + b + c): agreement on where a code is, ignoring where "
        "both left it out") },
  { "alpha", N_ ("α"), N_ ("Krippendorff’s alpha (nominal) over every coder compared") },
  { "precision", N_ ("Precision"), N_ ("Matched test spans / test spans") },
  { "recall", N_ ("Recall"), N_ ("Matched reference spans / reference spans (the strict score)") },
  { "f1", N_ ("F1"), N_ ("Harmonic mean of precision and recall") },
  { "iou", N_ ("IoU"),
    N_ ("Mean overlap (intersection over union) of matched spans: boundary agreement") },
  { "lenient", N_ ("Lenient"),
    N_ ("Partial credit per reference span: 1 same code, 0.5 a sibling, 0.25 the same branch") },
};

static double
measure_value (Measure measure, KtsPresenceRow *presence, KtsSpanRow *span)
{
  switch (measure)
    {
    case MEASURE_PERCENT:
      return presence != NULL ? presence->percent : NAN;
    case MEASURE_KAPPA:
      return presence != NULL ? presence->kappa : NAN;
    case MEASURE_PABAK:
      return presence != NULL ? presence->pabak : NAN;
    case MEASURE_POSITIVE:
      return presence != NULL ? presence->positive : NAN;
    case MEASURE_ALPHA:
      return presence != NULL ? presence->alpha : NAN;
    case MEASURE_PRECISION:
      return span != NULL ? span->precision : NAN;
    case MEASURE_RECALL:
      return span != NULL ? span->recall : NAN;
    case MEASURE_F1:
      return span != NULL ? span->f1 : NAN;
    case MEASURE_IOU:
      return span != NULL ? span->mean_iou : NAN;
    case MEASURE_LENIENT:
      return span != NULL ? span->lenient : NAN;
    case N_MEASURES:
    default:
      return NAN;
    }
}

static char *
format_measure (Measure measure, double value)
{
  return measure == MEASURE_PERCENT ? format_percent (value) : kts_agreement_panel_format (value);
}

static void
clear_grid (GtkWidget *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (grid)) != NULL)
    gtk_grid_remove (GTK_GRID (grid), child);
}

static GtkWidget *
grid_label (GtkWidget *grid, const char *text, int column, int row, int width, float xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_grid_attach (GTK_GRID (grid), label, column, row, width, 1);
  return label;
}

static void
add_headers (GtkWidget *grid, guint n_measures)
{
  GtkWidget *label;

  label = grid_label (grid, _ ("Turn-level presence"), 1, 0, 5, 0.5f);
  gtk_widget_add_css_class (label, "group-header");
  if (n_measures > MEASURE_ALPHA + 1)
    {
      label = grid_label (grid, _ ("Spans against the reference"), 6, 0, 5, 0.5f);
      gtk_widget_add_css_class (label, "group-header");
      gtk_widget_add_css_class (label, "group-start");
    }
  for (guint m = 0; m < n_measures; m++)
    {
      label = grid_label (grid, _ (measures[m].title), 1 + (int)m, 1, 1, 1.f);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "measure-header");
      if (m == MEASURE_PRECISION)
        gtk_widget_add_css_class (label, "group-start");
      gtk_widget_set_tooltip_text (label, _ (measures[m].tooltip));
    }
}

static void
add_row (GtkWidget      *grid,
         int             row,
         const char     *title,
         const char     *subtitle,
         const char     *tooltip,
         KtsPresenceRow *presence,
         KtsSpanRow     *span,
         guint           n_measures,
         const char     *name_prefix)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  if (subtitle != NULL)
    {
      GtkWidget *sub = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (sub), 28);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_add_css_class (sub, "caption");
      gtk_box_append (GTK_BOX (box), sub);
    }
  if (name_prefix != NULL)
    gtk_widget_add_css_class (label, "overall");
  gtk_widget_set_tooltip_text (box, tooltip);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_add_css_class (box, "row-title");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_grid_attach (GTK_GRID (grid), box, 0, row, 1, 1);

  for (guint m = 0; m < n_measures; m++)
    {
      double           value = measure_value (m, presence, span);
      g_autofree char *text = format_measure (m, value);
      GtkWidget       *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget       *value_label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (value_label), 1);
      gtk_widget_add_css_class (value_label, "numeric");
      gtk_box_append (GTK_BOX (cell), value_label);
      if (m == MEASURE_KAPPA && kts_agreement_panel_benchmark (value) != NULL)
        {
          GtkWidget *bench = gtk_label_new (kts_agreement_panel_benchmark (value));
          gtk_label_set_xalign (GTK_LABEL (bench), 1);
          gtk_widget_add_css_class (bench, "dim-label");
          gtk_widget_add_css_class (bench, "caption");
          gtk_box_append (GTK_BOX (cell), bench);
        }
      if (isnan (value))
        gtk_widget_add_css_class (value_label, "dim-label");
      if (name_prefix != NULL)
        {
          g_autofree char *name = g_strdup_printf ("%s-%s", name_prefix, measures[m].id);
          gtk_widget_set_name (value_label, name);
        }
      if (m == MEASURE_PRECISION)
        gtk_widget_add_css_class (cell, "group-start");
      gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
      gtk_grid_attach (GTK_GRID (grid), cell, 1 + (int)m, row, 1, 1);
    }
}

static char *
presence_tooltip (KtsPresenceRow *p)
{
  if (p == NULL)
    return NULL;
  /* Translators: the four counts of a 2 × 2 presence table */
  return g_strdup_printf (_ ("Units (turn × code): both %u, only the reference %u, only the test "
                             "coder %u, neither %u"),
                          p->both, p->only_a, p->only_b, p->neither);
}

static void
fill_layer_grid (KtsAgreementPanel *self)
{
  KtsAgreementReport *r = self->report;
  int                 row = 2;
  g_autofree char    *tooltip = presence_tooltip (r->presence_all);

  clear_grid (self->layer_grid);
  add_headers (self->layer_grid, N_MEASURES);
  add_row (self->layer_grid, row++, _ ("All layers"), _ ("pooled: read the layers below"), tooltip,
           r->presence_all, r->span_all, N_MEASURES, "overall");
  {
    GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
    gtk_widget_set_margin_top (separator, 4);
    gtk_widget_set_margin_bottom (separator, 4);
    gtk_grid_attach (GTK_GRID (self->layer_grid), separator, 0, row++, 1 + N_MEASURES, 1);
  }
  for (guint i = 0; i < r->presence_layers->len; i++)
    {
      KtsPresenceRow  *p = g_ptr_array_index (r->presence_layers, i);
      KtsSpanRow      *s = NULL;
      g_autofree char *tip = presence_tooltip (p);

      for (guint k = 0; k < r->span_layers->len; k++)
        {
          KtsSpanRow *candidate = g_ptr_array_index (r->span_layers, k);
          if (g_strcmp0 (candidate->label, p->label) == 0)
            s = candidate;
        }
      add_row (self->layer_grid, row++, p->label, layer_title (self, p->label), tip, p, s,
               N_MEASURES, NULL);
    }
}

static void
fill_dimension_grid (KtsAgreementPanel *self)
{
  KtsAgreementReport *r = self->report;
  int                 row = 2;
  GPtrArray          *groups[2] = { r->dimension, r->maturity };

  clear_grid (self->dimension_grid);
  add_headers (self->dimension_grid, MEASURE_ALPHA + 1);
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; groups[g] != NULL && i < groups[g]->len; i++)
      {
        KtsPresenceRow  *p = g_ptr_array_index (groups[g], i);
        g_autofree char *tip = presence_tooltip (p);
        const char      *title = p->label;

        if (g_strcmp0 (p->label, "SD") == 0)
          title = _ ("Self-definition");
        else if (g_strcmp0 (p->label, "REL") == 0)
          title = _ ("Relatedness");
        else if (g_strcmp0 (p->label, "LM") == 0)
          title = _ ("Less mature");
        else if (g_strcmp0 (p->label, "MM") == 0)
          title = _ ("More mature");
        add_row (self->dimension_grid, row++, title, p->label, tip, p, NULL, MEASURE_ALPHA + 1,
                 NULL);
      }
  gtk_widget_set_visible (self->dimension_heading, row > 2);
  gtk_widget_set_visible (self->dimension_caption, row > 2);
  gtk_widget_set_visible (self->dimension_frame, row > 2);
}

/* ---- contrast cards ------------------------------------------------------------- */

static KtsContrastCard *
card_for (KtsAgreementPanel *self, KtsCode *reference, KtsCode *test)
{
  g_autoptr (GPtrArray) cards = NULL;
  const char *key_a = kts_code_get_key (reference);
  const char *key_b = kts_code_get_key (test);

  if (self->guide == NULL || key_a == NULL || key_b == NULL)
    return NULL;
  cards = kts_codebook_guide_cards_for (self->guide, key_a);
  for (guint i = 0; i < cards->len; i++)
    {
      KtsContrastCard *card = g_ptr_array_index (cards, i);
      for (guint s = 0; s < card->sides->len; s++)
        {
          KtsContrastSide *side = g_ptr_array_index (card->sides, s);
          for (guint k = 0; k < side->keys->len; k++)
            if (g_str_equal (g_ptr_array_index (side->keys, k), key_b))
              return card;
        }
    }
  return NULL;
}

static GtkWidget *
wrapped_label (const char *text, const char *css_class, int max_chars)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), max_chars);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (max_chars, 24));
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The card as in the codebook: what tells the codes apart, then its sides
 * next to each other. */
static GtkWidget *
card_widget (KtsContrastCard *card)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  int        side_chars = card->sides->len > 2 ? 28 : 36;

  gtk_widget_add_css_class (box, "contrast-card");
  gtk_box_append (GTK_BOX (box), wrapped_label (card->title, "title-4", 70));
  if (card->tell_apart != NULL)
    gtk_box_append (GTK_BOX (box), wrapped_label (card->tell_apart, NULL, 80));
  gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
  for (guint s = 0; s < card->sides->len; s++)
    {
      KtsContrastSide *side = g_ptr_array_index (card->sides, s);
      GtkWidget       *side_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      g_autoptr (GString) keys = g_string_new (NULL);

      gtk_widget_add_css_class (side_box, "card");
      gtk_widget_add_css_class (side_box, "contrast-side");
      for (guint k = 0; k < side->keys->len; k++)
        g_string_append_printf (keys, "%s%s", k > 0 ? " + " : "",
                                (const char *)g_ptr_array_index (side->keys, k));
      gtk_box_append (GTK_BOX (side_box), wrapped_label (side->label, "heading", side_chars));
      gtk_box_append (GTK_BOX (side_box), wrapped_label (keys->str, "code-key", side_chars));
      if (side->cue != NULL)
        gtk_box_append (GTK_BOX (side_box), wrapped_label (side->cue, NULL, side_chars));
      if (side->example != NULL)
        gtk_box_append (GTK_BOX (side_box),
                        wrapped_label (side->example, "coding-quote", side_chars));
      gtk_box_append (GTK_BOX (sides), side_box);
    }
  gtk_box_append (GTK_BOX (box), sides);
  for (guint i = 0; card->rules != NULL && i < card->rules->len; i++)
    {
      g_autofree char *rule
          = g_strdup_printf ("• %s", (const char *)g_ptr_array_index (card->rules, i));
      gtk_box_append (GTK_BOX (box), wrapped_label (rule, "dim-label", 80));
    }
  return box;
}

static void
create_card_popup_cb (GtkMenuButton *button, gpointer user_data)
{
  KtsContrastCard *card = user_data;
  GtkWidget       *scrolled;
  GtkWidget       *popover;

  if (gtk_menu_button_get_popover (button) != NULL)
    return;
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 560);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), card_widget (card));
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  gtk_menu_button_set_popover (button, popover);
}

/* ---- confusions ----------------------------------------------------------------- */

static int
compare_confusions (gconstpointer a, gconstpointer b)
{
  const KtsConfusionCell *x = *(KtsConfusionCell *const *)a;
  const KtsConfusionCell *y = *(KtsConfusionCell *const *)b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (kts_code_get_display_key (x->reference),
                    kts_code_get_display_key (y->reference));
}

static void
fill_confusions (KtsAgreementPanel *self)
{
  g_autoptr (GPtrArray) pairs = g_ptr_array_new ();
  GtkWidget       *child;
  guint            misses = 0, extras = 0;
  g_autofree char *caption = NULL;
  g_autofree char *missed = NULL;
  g_autofree char *extra = NULL;

  while ((child = gtk_widget_get_first_child (self->confusion_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->confusion_list), child);

  for (guint i = 0; i < self->report->confusion->len; i++)
    {
      KtsConfusionCell *cell = g_ptr_array_index (self->report->confusion, i);

      if (cell->reference == NULL)
        extras += cell->count;
      else if (cell->test == NULL)
        misses += cell->count;
      else if (cell->test != cell->reference)
        g_ptr_array_add (pairs, cell);
    }
  g_ptr_array_sort (pairs, compare_confusions);

  missed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reference span was missed",
                                         "%u reference spans were missed", misses),
                            misses);
  extra = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u test span has no reference span",
                                        "%u test spans have no reference span", extras),
                           extras);
  /* Translators: the two halves are "3 reference spans were missed" and
   * "2 test spans have no reference span" */
  caption = g_strdup_printf (_ ("Reference spans the test coder coded with another code of the "
                                "same layer, most frequent first. Besides these, %s and %s."),
                             missed, extra);
  gtk_label_set_label (GTK_LABEL (self->confusion_caption), caption);

  for (guint i = 0; i < pairs->len && i < MAX_CONFUSIONS; i++)
    {
      KtsConfusionCell *cell = g_ptr_array_index (pairs, i);
      GtkWidget        *row = adw_action_row_new ();
      g_autofree char  *title = g_strdup_printf ("%s → %s", kts_code_get_name (cell->reference),
                                                 kts_code_get_name (cell->test));
      g_autofree char  *subtitle
          = g_strdup_printf ("%s → %s", kts_code_get_display_key (cell->reference),
                             kts_code_get_display_key (cell->test));
      g_autofree char *count = g_strdup_printf ("%u ×", cell->count);
      GtkWidget       *count_label = gtk_label_new (count);
      KtsContrastCard *card = card_for (self, cell->reference, cell->test);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 kts_color_swatch_new (kts_code_get_color (cell->reference)));
      gtk_widget_add_css_class (count_label, "numeric");
      gtk_widget_add_css_class (count_label, "heading");
      gtk_widget_set_tooltip_text (count_label, _ ("How often"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label);
      if (card != NULL)
        {
          GtkWidget       *button = gtk_menu_button_new ();
          g_autofree char *tip = g_strdup_printf (_ ("How to tell them apart: “%s”"), card->title);

          gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _ ("Contrast _Card"));
          gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
          gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_card_popup_cb,
                                                 card, NULL);
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, tip);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (GTK_LIST_BOX (self->confusion_list), row);
    }
  if (pairs->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("No confusions"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _ ("Where the two coders overlap, they chose the same codes."));
      gtk_list_box_append (GTK_LIST_BOX (self->confusion_list), row);
    }
}

/* ---- the per-code table ----------------------------------------------------------- */

typedef enum
{
  CODE_COLUMN_CODE = -1,
  CODE_COLUMN_REFERENCE = -2,
  CODE_COLUMN_TEST = -3,
  CODE_COLUMN_MATCHED = -4,
} CodeColumn;

static CodeRow *
code_row (KtsAgreementPanel *self, gpointer code)
{
  return self->code_rows != NULL ? g_hash_table_lookup (self->code_rows, code) : NULL;
}

static double
code_column_value (CodeRow *row, int column)
{
  if (row == NULL)
    return NAN;
  switch (column)
    {
    case CODE_COLUMN_CODE:
      return row->order;
    case CODE_COLUMN_REFERENCE:
      return row->span != NULL ? row->span->n_reference : NAN;
    case CODE_COLUMN_TEST:
      return row->span != NULL ? row->span->n_test : NAN;
    case CODE_COLUMN_MATCHED:
      return row->span != NULL ? row->span->matched : NAN;
    default:
      return measure_value (column, row->presence, row->span);
    }
}

static int
sort_code_row (gconstpointer a, gconstpointer b, gpointer user_data)
{
  KtsAgreementPanel *self = g_object_get_data (user_data, "kts-panel");
  int                column = GPOINTER_TO_INT (g_object_get_data (user_data, "kts-column"));
  double             va = code_column_value (code_row (self, (gpointer)a), column);
  double             vb = code_column_value (code_row (self, (gpointer)b), column);

  /* Undefined values last. */
  if (isnan (va) || isnan (vb))
    {
      if (isnan (va) && isnan (vb))
        va = vb = 0;
      else
        return isnan (va) ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
    }
  if (va != vb)
    return va < vb ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  if (column != CODE_COLUMN_CODE)
    {
      double oa = code_column_value (code_row (self, (gpointer)a), CODE_COLUMN_CODE);
      double ob = code_column_value (code_row (self, (gpointer)b), CODE_COLUMN_CODE);
      if (oa != ob)
        return oa < ob ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
    }
  return GTK_ORDERING_EQUAL;
}

static void
setup_code_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  int        column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  if (column == CODE_COLUMN_CODE)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), kts_color_swatch_new (NULL));
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_item_set_child (item, box);
      return;
    }
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_code_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  KtsAgreementPanel *self = g_object_get_data (G_OBJECT (factory), "kts-panel");
  int                column = GPOINTER_TO_INT (user_data);
  KtsCode           *code = gtk_list_item_get_item (item);
  CodeRow           *row = code_row (self, code);
  GtkWidget         *child = gtk_list_item_get_child (item);
  g_autofree char   *text = NULL;
  double             value;

  if (column == CODE_COLUMN_CODE)
    {
      kts_color_swatch_set_color (KTS_COLOR_SWATCH (gtk_widget_get_first_child (child)),
                                  kts_code_get_color (code));
      gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (child)), kts_code_get_name (code));
      gtk_widget_set_tooltip_text (child, kts_code_get_display_key (code));
      return;
    }
  value = code_column_value (row, column);
  if (column <= CODE_COLUMN_REFERENCE)
    text = isnan (value) ? g_strdup ("–") : g_strdup_printf ("%.0f", value);
  else
    text = format_measure (column, value);
  gtk_label_set_label (GTK_LABEL (child), text);
  if (column == MEASURE_KAPPA)
    gtk_widget_set_tooltip_text (child, kts_agreement_panel_benchmark (value));
  if (isnan (value))
    gtk_widget_add_css_class (child, "dim-label");
  else
    gtk_widget_remove_css_class (child, "dim-label");
}

static void
add_code_column (KtsAgreementPanel *self, int column, const char *title)
{
  GtkListItemFactory  *factory = gtk_signal_list_item_factory_new ();
  GtkCustomSorter     *sorter = gtk_custom_sorter_new (sort_code_row, NULL, NULL);
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "kts-panel", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_code_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_code_cell_cb), GINT_TO_POINTER (column));
  g_object_set_data (G_OBJECT (sorter), "kts-panel", self);
  g_object_set_data (G_OBJECT (sorter), "kts-column", GINT_TO_POINTER (column));
  gtk_custom_sorter_set_sort_func (sorter, sort_code_row, sorter, NULL);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
  gtk_column_view_column_set_expand (view_column, column == CODE_COLUMN_CODE);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->code_view), view_column);
  if (column == CODE_COLUMN_CODE)
    gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (self->code_view), view_column,
                                    GTK_SORT_ASCENDING);
  g_object_unref (sorter);
  g_object_unref (view_column);
}

static void
fill_code_table (KtsAgreementPanel *self)
{
  KtsAgreementReport *r = self->report;
  g_autoptr (GPtrArray) codes = g_ptr_array_new ();

  g_list_store_remove_all (self->codes);
  g_hash_table_remove_all (self->code_rows);
  for (guint i = 0; i < r->presence_codes->len; i++)
    {
      KtsPresenceRow *p = g_ptr_array_index (r->presence_codes, i);
      CodeRow        *row;

      if (p->code == NULL)
        continue;
      row = g_new0 (CodeRow, 1);
      row->presence = p;
      row->order = i;
      g_hash_table_insert (self->code_rows, p->code, row);
      g_ptr_array_add (codes, p->code);
    }
  for (guint i = 0; i < r->span_codes->len; i++)
    {
      KtsSpanRow *s = g_ptr_array_index (r->span_codes, i);
      CodeRow    *row = s->code != NULL ? g_hash_table_lookup (self->code_rows, s->code) : NULL;

      if (s->code == NULL)
        continue;
      if (row == NULL)
        {
          row = g_new0 (CodeRow, 1);
          row->order = r->presence_codes->len + i;
          g_hash_table_insert (self->code_rows, s->code, row);
          g_ptr_array_add (codes, s->code);
        }
      row->span = s;
    }
  g_list_store_splice (self->codes, 0, 0, codes->pdata, codes->len);
}

/* ---- results ---------------------------------------------------------------------- */

static KtsCoder *
selected_coder (GtkWidget *drop_down)
{
  KtsChoice *choice = kts_choice_drop_down_get_selected (GTK_DROP_DOWN (drop_down));

  return choice != NULL ? kts_choice_get_item (choice) : NULL;
}

static GPtrArray *
chosen_coders (KtsAgreementPanel *self)
{
  GPtrArray  *coders = g_ptr_array_new ();
  KtsCoder   *reference = selected_coder (self->reference_drop_down);
  KtsCoder   *test = selected_coder (self->test_drop_down);
  GListModel *all;

  if (self->project == NULL || reference == NULL || test == NULL || reference == test)
    return coders;
  g_ptr_array_add (coders, reference);
  g_ptr_array_add (coders, test);
  all = kts_project_get_coders (self->project);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr (KtsCoder) coder = g_list_model_get_item (all, i);
      if (coder != reference && coder != test && g_hash_table_contains (self->more_coders, coder))
        g_ptr_array_add (coders, coder);
    }
  return coders;
}

static void
update_summary (KtsAgreementPanel *self, GPtrArray *coders)
{
  KtsAgreementReport *r = self->report;
  g_autoptr (GString) text = g_string_new (NULL);
  KtsChoice *layer = kts_choice_drop_down_get_selected (GTK_DROP_DOWN (self->layer_drop_down));

  /* Translators: "“Reference” is the reference, “Student” the coder compared with it." */
  g_string_append_printf (text, _ ("“%s” is the reference, “%s” the coder compared with it"),
                          kts_coder_get_name (r->coder_a), kts_coder_get_name (r->coder_b));
  if (coders->len > 2)
    {
      g_string_append (text, _ ("; α also includes "));
      for (guint i = 2; i < coders->len; i++)
        g_string_append_printf (text, "%s“%s”", i > 2 ? ", " : "",
                                kts_coder_get_name (g_ptr_array_index (coders, i)));
    }
  g_string_append (text, ". ");
  g_string_append_printf (
      text, g_dngettext (GETTEXT_PACKAGE, "%u transcript", "%u transcripts", r->n_documents),
      r->n_documents);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u turn", "%u turns", r->n_turns),
                          r->n_turns);
  g_string_append (text, " · ");
  g_string_append_printf (
      text, g_dngettext (GETTEXT_PACKAGE, "%u code used", "%u codes used", r->n_codes), r->n_codes);
  if (layer != NULL && kts_choice_get_value (layer) != NULL)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, _ ("layer %s"), kts_choice_get_value (layer));
    }
  gtk_label_set_label (GTK_LABEL (self->summary_label), text->str);
}

static void
show_error (KtsAgreementPanel *self, const char *title, const char *description)
{
  adw_status_page_set_title (ADW_STATUS_PAGE (self->error_page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->error_page), description);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "error");
}

static void
recompute (KtsAgreementPanel *self)
{
  g_autoptr (GPtrArray) coders = chosen_coders (self);
  g_autoptr (GError) error = NULL;
  KtsAgreementOptions options;
  KtsChoice          *layer;
  guint               n_coders = self->project != NULL
                                     ? g_list_model_get_n_items (kts_project_get_coders (self->project))
                                     : 0;

  g_list_store_remove_all (self->codes);
  g_hash_table_remove_all (self->code_rows);
  g_clear_pointer (&self->report, kts_agreement_report_free);

  gtk_widget_set_sensitive (self->merge_button, self->project != NULL);
  /* With one coder there is nothing to choose; the status page offers the merge. */
  gtk_widget_set_visible (self->toolbar, n_coders >= 2);
  gtk_widget_set_visible (self->toolbar_separator, n_coders >= 2);
  if (n_coders < 2)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "one-coder");
      return;
    }
  if (coders->len < 2)
    {
      show_error (self, _ ("Choose Two Coders"),
                  _ ("Pick a reference and a different coder to compare with it."));
      return;
    }

  kts_agreement_options_init (&options);
  options.overlap_threshold
      = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->overlap_spin)) / 100.0;
  options.same_turn = !gtk_check_button_get_active (GTK_CHECK_BUTTON (self->any_turn_check));
  layer = kts_choice_drop_down_get_selected (GTK_DROP_DOWN (self->layer_drop_down));
  options.layer = layer != NULL ? kts_choice_get_value (layer) : NULL;

  self->report = kts_agreement_compute (self->project, coders, &options, &error);
  if (self->report == NULL)
    {
      show_error (self, _ ("Nothing to Compare"), error->message);
      return;
    }

  update_summary (self, coders);
  fill_layer_grid (self);
  fill_dimension_grid (self);
  fill_confusions (self);
  fill_code_table (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "results");
}

/* ---- choices ---------------------------------------------------------------------- */

static void
more_coder_toggled_cb (GtkCheckButton *check, KtsAgreementPanel *self)
{
  KtsCoder *coder = g_object_get_data (G_OBJECT (check), "kts-coder");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->more_coders, coder);
  else
    g_hash_table_remove (self->more_coders, coder);
  if (!self->updating)
    recompute (self);
}

static void
fill_more_coders (KtsAgreementPanel *self)
{
  KtsCoder  *reference = selected_coder (self->reference_drop_down);
  KtsCoder  *test = selected_coder (self->test_drop_down);
  GtkWidget *child;
  guint      n = 0, checked = 0;

  while ((child = gtk_widget_get_first_child (self->more_coders_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->more_coders_box), child);
  if (self->project != NULL)
    {
      GListModel *all = kts_project_get_coders (self->project);

      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        {
          g_autoptr (KtsCoder) coder = g_list_model_get_item (all, i);
          GtkWidget *check;

          if (coder == reference || coder == test)
            continue;
          check = gtk_check_button_new_with_label (kts_coder_get_name (coder));
          g_object_set_data (G_OBJECT (check), "kts-coder", coder);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       g_hash_table_contains (self->more_coders, coder));
          g_signal_connect (check, "toggled", G_CALLBACK (more_coder_toggled_cb), self);
          gtk_box_append (GTK_BOX (self->more_coders_box), check);
          n++;
          checked += g_hash_table_contains (self->more_coders, coder);
        }
    }
  gtk_widget_set_visible (self->more_coders_button, n > 0);
  if (checked > 0)
    {
      g_autofree char *label = g_strdup_printf (_ ("+ %u Coders"), checked);
      gtk_menu_button_set_label (GTK_MENU_BUTTON (self->more_coders_button), label);
    }
  else
    gtk_menu_button_set_label (GTK_MENU_BUTTON (self->more_coders_button), _ ("More Coders"));
}

static KtsCoder *
default_reference (KtsProject *project)
{
  GListModel *coders = kts_project_get_coders (project);
  g_autoptr (KtsCoder) first = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (coders); i++)
    {
      g_autoptr (KtsCoder) coder = g_list_model_get_item (coders, i);
      if (g_ascii_strcasecmp (kts_coder_get_name (coder), "Reference") == 0)
        return coder;
    }
  first = g_list_model_get_n_items (coders) > 0 ? g_list_model_get_item (coders, 0) : NULL;
  return first;
}

/* Keeps the test coder different from the reference. */
static void
separate_coders (KtsAgreementPanel *self)
{
  KtsCoder   *reference = selected_coder (self->reference_drop_down);
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (self->test_drop_down));

  if (reference == NULL || model == NULL || selected_coder (self->test_drop_down) != reference)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (KtsChoice) choice = g_list_model_get_item (model, i);
      if (kts_choice_get_item (choice) != reference)
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (self->test_drop_down), i);
          return;
        }
    }
}

static void
fill_choices (KtsAgreementPanel *self)
{
  g_autoptr (GListStore) references = g_list_store_new (KTS_TYPE_CHOICE);
  g_autoptr (GListStore) tests = g_list_store_new (KTS_TYPE_CHOICE);
  g_autoptr (GListStore) layers = g_list_store_new (KTS_TYPE_CHOICE);
  gboolean first_time = gtk_drop_down_get_model (GTK_DROP_DOWN (self->reference_drop_down)) == NULL
                        || g_list_model_get_n_items (
                               gtk_drop_down_get_model (GTK_DROP_DOWN (self->reference_drop_down)))
                               == 0;

  {
    g_autoptr (KtsChoice) all = kts_choice_new (_ ("All layers"), NULL, NULL);
    g_list_store_append (layers, all);
  }
  if (self->project != NULL)
    {
      GListModel *coders = kts_project_get_coders (self->project);
      GListModel *roots = kts_codebook_get_roots (kts_project_get_codebook (self->project));
      g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < g_list_model_get_n_items (coders); i++)
        {
          g_autoptr (KtsCoder) coder = g_list_model_get_item (coders, i);
          g_autoptr (KtsChoice) a = kts_choice_new (kts_coder_get_name (coder), coder, NULL);
          g_autoptr (KtsChoice) b = kts_choice_new (kts_coder_get_name (coder), coder, NULL);
          g_list_store_append (references, a);
          g_list_store_append (tests, b);
        }
      for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
        {
          g_autoptr (KtsCode) code = g_list_model_get_item (roots, i);
          char *layer = kts_code_dup_layer (code);

          if (layer == NULL || g_hash_table_contains (seen, layer))
            {
              g_free (layer);
              continue;
            }
          {
            /* Translators: a layer in a drop-down, "RUP — Rupture markers" */
            g_autofree char *label
                = g_strdup_printf (_ ("%s — %s"), layer, kts_code_get_name (code));
            g_autoptr (KtsChoice) choice = kts_choice_new (label, NULL, layer);
            g_list_store_append (layers, choice);
          }
          g_hash_table_add (seen, layer);
        }
    }

  self->updating = TRUE;
  kts_choice_drop_down_set_choices (GTK_DROP_DOWN (self->reference_drop_down),
                                    G_LIST_MODEL (references));
  kts_choice_drop_down_set_choices (GTK_DROP_DOWN (self->test_drop_down), G_LIST_MODEL (tests));
  kts_choice_drop_down_set_choices (GTK_DROP_DOWN (self->layer_drop_down), G_LIST_MODEL (layers));
  if (first_time && self->project != NULL)
    {
      KtsCoder *reference = default_reference (self->project);
      if (reference != NULL)
        kts_choice_drop_down_select (GTK_DROP_DOWN (self->reference_drop_down), reference, NULL);
    }
  separate_coders (self);
  fill_more_coders (self);
  self->updating = FALSE;
}

static void
coders_changed_cb (KtsAgreementPanel *self)
{
  if (self->updating)
    return;
  self->updating = TRUE;
  separate_coders (self);
  fill_more_coders (self);
  self->updating = FALSE;
  recompute (self);
}

static void
options_changed_cb (KtsAgreementPanel *self)
{
  if (!self->updating)
    recompute (self);
}

void
kts_agreement_panel_refresh (KtsAgreementPanel *self)
{
  g_return_if_fail (KTS_IS_AGREEMENT_PANEL (self));

  if (!self->stale)
    return;
  self->stale = FALSE;
  fill_choices (self);
  recompute (self);
}

static void
project_changed_cb (KtsAgreementPanel *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    kts_agreement_panel_refresh (self);
}

/* ---- merging ---------------------------------------------------------------------- */

/* The one coder of @project's codings, or NULL (none, several, or codings
 * without a coder). */
static KtsCoder *
single_coder (KtsProject *project)
{
  GListModel *documents = kts_project_get_documents (project);
  KtsCoder   *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);
      GListModel *codings = kts_document_get_codings (document);

      for (guint k = 0; k < g_list_model_get_n_items (codings); k++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, k);
          KtsCoder *coder = kts_coding_get_coder (coding);

          if (coder == NULL || (found != NULL && found != coder))
            return NULL;
          found = coder;
        }
    }
  return found;
}

static void
merge_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KtsAgreementPanel) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsProject) other = kts_project_load_finish (result, &error);
  g_autoptr (KtsMergeReport) report = NULL;
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *base = NULL;
  g_autofree char *label = NULL;
  GFile           *file = g_object_get_data (G_OBJECT (self), "kts-merge-file");
  KtsCoder        *source_coder;
  KtsCoder        *as_coder = NULL;
  GtkRoot         *root;
  GtkWidget       *dialog;

  base = file != NULL ? g_file_get_basename (file) : g_strdup ("");
  if (other == NULL || self->project == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Open “%s”"), base);
      if (error != NULL)
        kts_analysis_show_error (GTK_WIDGET (self), heading, error->message);
      return;
    }

  label = g_strdup_printf (_ ("Merge codings from “%s”"), base);
  kts_project_begin_group (self->project, label);
  /* One coder whose name this project already uses: most likely someone
   * else (a copy coded by a student, say), so the codings get a coder of
   * their own rather than joining the existing one's. */
  source_coder = single_coder (other);
  if (source_coder != NULL
      && kts_project_find_coder (self->project, kts_coder_get_name (source_coder)) != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s (%s)", kts_coder_get_name (source_coder), base);
      KtsCoder        *existing = kts_project_find_coder (self->project, name);

      if (existing != NULL)
        as_coder = existing;
      else
        {
          g_autoptr (KtsCoder) coder = kts_coder_new (NULL, name);
          if (kts_project_add_coder (self->project, coder, NULL))
            as_coder = coder;
        }
    }
  report = kts_project_merge_codings (self->project, other, as_coder, &error);
  if (report == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Merge “%s”"), base);
      kts_project_abort_group (self->project);
      kts_analysis_show_error (GTK_WIDGET (self), heading, error->message);
      return;
    }
  kts_project_end_group (self->project);

  g_string_append_printf (body,
                          g_dngettext (GETTEXT_PACKAGE, "%u transcript matched",
                                       "%u transcripts matched", report->documents_matched),
                          report->documents_matched);
  g_string_append (body, ", ");
  g_string_append_printf (
      body,
      g_dngettext (GETTEXT_PACKAGE, "%u coding added", "%u codings added", report->codings_added),
      report->codings_added);
  if (report->codings_skipped > 0)
    {
      g_string_append (body, ", ");
      g_string_append_printf (
          body, g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped", report->codings_skipped),
          report->codings_skipped);
    }
  g_string_append (body, ".");
  if (as_coder != NULL)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body,
                              _ ("This project already has a coder “%s”, so the merged codings "
                                 "belong to “%s”."),
                              kts_coder_get_name (source_coder), kts_coder_get_name (as_coder));
    }
  for (guint i = 0; i < report->messages->len && i < 12; i++)
    g_string_append_printf (body, "%s%s", i == 0 ? "\n\n" : "\n",
                            (const char *)g_ptr_array_index (report->messages, i));
  if (report->messages->len > 12)
    g_string_append_printf (body, "\n%s", _ ("…and more."));

  if (as_coder != NULL)
    {
      /* Compare with the coder just merged. */
      fill_choices (self);
      self->stale = FALSE;
      kts_choice_drop_down_select (GTK_DROP_DOWN (self->test_drop_down), as_coder, NULL);
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _ ("Codings Merged"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
kts_agreement_panel_merge (KtsAgreementPanel *self, GFile *file)
{
  g_return_if_fail (KTS_IS_AGREEMENT_PANEL (self));
  g_return_if_fail (G_IS_FILE (file));

  g_object_set_data_full (G_OBJECT (self), "kts-merge-file", g_object_ref (file), g_object_unref);
  kts_project_load_async (file, NULL, merge_loaded_cb, g_object_ref (self));
}

static void
merge_response_cb (GtkNativeDialog *native, int response, KtsAgreementPanel *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      kts_agreement_panel_merge (self, file);
    }
  g_object_unref (native);
}

static void
merge_clicked_cb (KtsAgreementPanel *self)
{
  GtkRoot              *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *native;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->project == NULL)
    return;
  native = gtk_file_chooser_native_new (_ ("Merge Codings from Another Project"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Merge"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, _ ("Kintsugi Projects"));
  gtk_file_filter_add_pattern (filter, "*.kintsugi");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect (native, "response", G_CALLBACK (merge_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- GObject -------------------------------------------------------------------- */

static void
kts_agreement_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kts_agreement_panel_parent_class)->map (widget);
  kts_agreement_panel_refresh (KTS_AGREEMENT_PANEL (widget));
}

static void
kts_agreement_panel_dispose (GObject *object)
{
  KtsAgreementPanel *self = KTS_AGREEMENT_PANEL (object);

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), KTS_TYPE_AGREEMENT_PANEL);
  /* The template's root box has no id, so the template does not unparent it. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->codes);
  G_OBJECT_CLASS (kts_agreement_panel_parent_class)->dispose (object);
}

static void
kts_agreement_panel_finalize (GObject *object)
{
  KtsAgreementPanel *self = KTS_AGREEMENT_PANEL (object);

  g_clear_pointer (&self->code_rows, g_hash_table_unref);
  g_clear_pointer (&self->report, kts_agreement_report_free);
  g_clear_pointer (&self->more_coders, g_hash_table_unref);
  g_clear_pointer (&self->guide, kts_codebook_guide_free);
  G_OBJECT_CLASS (kts_agreement_panel_parent_class)->finalize (object);
}

static void
kts_agreement_panel_class_init (KtsAgreementPanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_agreement_panel_dispose;
  object_class->finalize = kts_agreement_panel_finalize;
  widget_class->map = kts_agreement_panel_map;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/kintsugi_qda/Kintsugi/kts-agreement-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, toolbar);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, reference_label);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, test_label);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, more_coders_button);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, more_coders_box);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, overlap_label);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, overlap_spin);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, any_turn_check);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, merge_button);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, toolbar_separator);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, layer_grid);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, dimension_heading);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, dimension_caption);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, dimension_frame);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, dimension_grid);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, confusion_caption);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, confusion_list);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, code_view);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, footnote);
  gtk_widget_class_bind_template_child (widget_class, KtsAgreementPanel, error_page);
  gtk_widget_class_bind_template_callback (widget_class, options_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, merge_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "agreementpanel");
}

static void
kts_agreement_panel_init (KtsAgreementPanel *self)
{
  GtkSorter *sorter;
  g_autoptr (GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->stale = TRUE;
  self->codes = g_list_store_new (KTS_TYPE_CODE);
  self->code_rows = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->more_coders = g_hash_table_new (NULL, NULL);
  self->guide = kts_codebook_guide_load_default (&error);
  if (self->guide == NULL)
    g_warning ("No contrast cards: %s", error->message);

  self->reference_drop_down = kts_choice_drop_down_new (_ ("Reference coder"), FALSE);
  gtk_box_insert_child_after (GTK_BOX (self->toolbar), self->reference_drop_down,
                              self->reference_label);
  gtk_box_reorder_child_after (GTK_BOX (self->toolbar), self->test_label,
                               self->reference_drop_down);
  self->test_drop_down = kts_choice_drop_down_new (_ ("Coder compared with the reference"), FALSE);
  gtk_box_insert_child_after (GTK_BOX (self->toolbar), self->test_drop_down, self->test_label);
  self->layer_drop_down = kts_choice_drop_down_new (_ ("Layer"), FALSE);
  gtk_box_insert_child_after (GTK_BOX (self->toolbar), self->layer_drop_down,
                              self->more_coders_button);
  gtk_widget_set_margin_start (self->layer_drop_down, 6);
  g_signal_connect_swapped (self->reference_drop_down, "notify::selected",
                            G_CALLBACK (coders_changed_cb), self);
  g_signal_connect_swapped (self->test_drop_down, "notify::selected",
                            G_CALLBACK (coders_changed_cb), self);
  g_signal_connect_swapped (self->layer_drop_down, "notify::selected",
                            G_CALLBACK (options_changed_cb), self);

  add_code_column (self, CODE_COLUMN_CODE, _ ("Code"));
  add_code_column (self, CODE_COLUMN_REFERENCE, _ ("Ref. Spans"));
  add_code_column (self, CODE_COLUMN_TEST, _ ("Test Spans"));
  add_code_column (self, CODE_COLUMN_MATCHED, _ ("Matched"));
  add_code_column (self, MEASURE_PRECISION, _ ("Precision"));
  add_code_column (self, MEASURE_RECALL, _ ("Recall"));
  add_code_column (self, MEASURE_F1, _ ("F1"));
  add_code_column (self, MEASURE_KAPPA, _ ("κ"));
  add_code_column (self, MEASURE_PABAK, _ ("PABAK"));
  add_code_column (self, MEASURE_POSITIVE, _ ("Positive"));
  sorter = gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->code_view));
  gtk_column_view_set_model (
      GTK_COLUMN_VIEW (self->code_view),
      GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (gtk_sort_list_model_new (
          G_LIST_MODEL (g_object_ref (self->codes)), g_object_ref (sorter))))));

  gtk_label_set_label (
      GTK_LABEL (self->footnote),
      _ ("Benchmarks for κ (at least .80 almost perfect, .60 substantial, .40 moderate, .20 fair, "
         "0 slight; below 0 poor) are conventions from general methodology, not from the sources "
         "of the codebook: read them as guidance only. κ falls when a code is rare even if the "
         "coders agree on almost every turn, so read PABAK and positive agreement beside it. "
         "Extra spans lower precision exactly as missed ones lower recall: coding more is never "
         "rewarded, metacommunication included."));
  fill_choices (self);
  recompute (self);
}

GtkWidget *
kts_agreement_panel_new (void)
{
  return g_object_new (KTS_TYPE_AGREEMENT_PANEL, NULL);
}

void
kts_agreement_panel_set_project (KtsAgreementPanel *self, KtsProject *project)
{
  g_return_if_fail (KTS_IS_AGREEMENT_PANEL (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  if (self->project == project)
    return;
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_set_object (&self->project, project);
  if (project != NULL)
    self->changed_id
        = g_signal_connect_swapped (project, "changed", G_CALLBACK (project_changed_cb), self);
  g_hash_table_remove_all (self->more_coders);
  /* Forget the old coders before anything could use them. */
  self->updating = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->reference_drop_down), NULL);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->test_drop_down), NULL);
  self->updating = FALSE;
  g_list_store_remove_all (self->codes);
  g_hash_table_remove_all (self->code_rows);
  g_clear_pointer (&self->report, kts_agreement_report_free);
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    kts_agreement_panel_refresh (self);
}

void
kts_agreement_panel_set_coders (KtsAgreementPanel *self, GPtrArray *coders)
{
  g_return_if_fail (KTS_IS_AGREEMENT_PANEL (self));
  g_return_if_fail (coders != NULL && coders->len >= 2);

  kts_agreement_panel_refresh (self);
  self->updating = TRUE;
  kts_choice_drop_down_select (GTK_DROP_DOWN (self->reference_drop_down),
                               g_ptr_array_index (coders, 0), NULL);
  kts_choice_drop_down_select (GTK_DROP_DOWN (self->test_drop_down), g_ptr_array_index (coders, 1),
                               NULL);
  g_hash_table_remove_all (self->more_coders);
  for (guint i = 2; i < coders->len; i++)
    g_hash_table_add (self->more_coders, g_ptr_array_index (coders, i));
  fill_more_coders (self);
  self->updating = FALSE;
  recompute (self);
}

void
kts_agreement_panel_set_layer (KtsAgreementPanel *self, const char *layer)
{
  g_return_if_fail (KTS_IS_AGREEMENT_PANEL (self));

  kts_agreement_panel_refresh (self);
  self->updating = TRUE;
  kts_choice_drop_down_select (GTK_DROP_DOWN (self->layer_drop_down), NULL, layer);
  self->updating = FALSE;
  recompute (self);
}

void
kts_agreement_panel_set_overlap (KtsAgreementPanel *self, double overlap)
{
  g_return_if_fail (KTS_IS_AGREEMENT_PANEL (self));

  kts_agreement_panel_refresh (self);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->overlap_spin),
                             CLAMP (overlap, 0.05, 1.0) * 100.0);
}

const KtsAgreementReport *
kts_agreement_panel_get_report (KtsAgreementPanel *self)
{
  g_return_val_if_fail (KTS_IS_AGREEMENT_PANEL (self), NULL);

  kts_agreement_panel_refresh (self);
  return self->report;
}

const char *
kts_agreement_panel_get_state (KtsAgreementPanel *self)
{
  g_return_val_if_fail (KTS_IS_AGREEMENT_PANEL (self), NULL);

  kts_agreement_panel_refresh (self);
  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}
