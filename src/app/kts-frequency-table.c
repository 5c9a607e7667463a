/* kts-frequency-table.c: the frequencies page of the Analysis view: codes by actor or phase.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-frequency-table"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kts-choice.h"
#include "kts-color-swatch.h"
#include "kts-core.h"
#include "kts-frequency-bar.h"
#include "kts-frequency-table.h"

#define N_COLUMNS KTS_FREQUENCY_N_COLUMNS
#define TOTAL N_COLUMNS

typedef struct
{
  guint actor[N_COLUMNS];
  guint phase[N_COLUMNS];
  guint total;
  guint order; /* codebook pre-order position */
} Row;

struct _KtsFrequencyTable
{
  GtkWidget parent_instance;

  /* template */
  GtkWidget *toolbar;
  GtkWidget *actor_button;
  GtkWidget *phase_button;
  GtkWidget *summary_label;
  GtkWidget *stack;
  GtkWidget *column_view;
  GtkWidget *caption;
  GtkWidget *empty_page;

  GtkWidget *document_drop_down;
  GtkWidget *coder_drop_down;

  KtsProject *project;
  gulong      changed_id;

  KtsFrequencyMode mode;
  KtsDocument     *document; /* the project keeps these alive */
  KtsCoder        *coder;

  GListStore *codes; /* KtsCode */
  GHashTable *rows;  /* KtsCode → Row* */
  guint       max_actor, max_phase, max_total;
  guint       column_totals_actor[N_COLUMNS];
  guint       column_totals_phase[N_COLUMNS];
  guint       n_codings;

  gboolean stale;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (KtsFrequencyTable, kts_frequency_table, GTK_TYPE_WIDGET)

static const KtsActor actor_columns[N_COLUMNS] = {
  KTS_ACTOR_THERAPIST, KTS_ACTOR_CLIENT, KTS_ACTOR_DYAD, KTS_ACTOR_THIRD, KTS_ACTOR_UNSET,
};

static const KtsPhase phase_columns[N_COLUMNS] = {
  KTS_PHASE_BEFORE, KTS_PHASE_RUPTURE, KTS_PHASE_REPAIR, KTS_PHASE_AFTER, KTS_PHASE_UNSET,
};

static const char *
column_title (KtsFrequencyMode mode, guint column)
{
  static const char *actors[N_COLUMNS]
      = { N_ ("Therapist"), N_ ("Client"), N_ ("Dyad"), N_ ("Third Person"), N_ ("Not Set") };
  static const char *phases[N_COLUMNS]
      = { N_ ("Before"), N_ ("Rupture"), N_ ("Repair"), N_ ("After"), N_ ("No Phase") };

  if (column == TOTAL)
    return _ ("Total");
  return _ (mode == KTS_FREQUENCY_BY_ACTOR ? actors[column] : phases[column]);
}

static guint
actor_column (KtsActor actor)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    if (actor_columns[i] == actor)
      return i;
  return N_COLUMNS - 1;
}

static guint
phase_column (KtsPhase phase)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    if (phase_columns[i] == phase)
      return i;
  return N_COLUMNS - 1;
}

/* ---- counting --------------------------------------------------------------------- */

/* Coding → bit mask of the phase columns of the moves it anchors. */
static GHashTable *
collect_phases (KtsProject *project)
{
  GHashTable *phases = g_hash_table_new (NULL, NULL);
  GListModel *episodes = kts_project_get_episodes (project);

  for (guint e = 0; e < g_list_model_get_n_items (episodes); e++)
    {
      g_autoptr (KtsEpisode) episode = g_list_model_get_item (episodes, e);
      GListModel *moves = kts_episode_get_moves (episode);

      for (guint m = 0; m < g_list_model_get_n_items (moves); m++)
        {
          g_autoptr (KtsMove) move = g_list_model_get_item (moves, m);
          GPtrArray *anchors = kts_move_get_anchors (move);
          guint      bit = 1u << phase_column (kts_move_get_phase (move));

          for (guint a = 0; anchors != NULL && a < anchors->len; a++)
            {
              gpointer coding = g_ptr_array_index (anchors, a);
              guint    mask = GPOINTER_TO_UINT (g_hash_table_lookup (phases, coding));
              g_hash_table_insert (phases, coding, GUINT_TO_POINTER (mask | bit));
            }
        }
    }
  return phases;
}

static void
count (KtsFrequencyTable *self)
{
  g_autoptr (GHashTable) phases = NULL;
  g_autoptr (GPtrArray) codes = NULL;
  GListModel *documents;

  g_hash_table_remove_all (self->rows);
  g_list_store_remove_all (self->codes);
  self->max_actor = self->max_phase = self->max_total = 0;
  self->n_codings = 0;
  memset (self->column_totals_actor, 0, sizeof self->column_totals_actor);
  memset (self->column_totals_phase, 0, sizeof self->column_totals_phase);
  if (self->project == NULL)
    return;

  phases = collect_phases (self->project);
  documents = kts_project_get_documents (self->project);
  for (guint d = 0; d < g_list_model_get_n_items (documents); d++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, d);
      GListModel *codings;

      if (self->document != NULL && document != self->document)
        continue;
      codings = kts_document_get_codings (document);
      for (guint k = 0; k < g_list_model_get_n_items (codings); k++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, k);
          KtsCode *code = kts_coding_get_code (coding);
          guint    mask;
          guint    column;
          Row     *row;

          if (self->coder != NULL && kts_coding_get_coder (coding) != self->coder)
            continue;
          if (kts_project_coding_is_hidden (self->project, coding))
            continue;
          row = g_hash_table_lookup (self->rows, code);
          if (row == NULL)
            {
              row = g_new0 (Row, 1);
              g_hash_table_insert (self->rows, code, row);
            }
          column = actor_column (kts_coding_get_actor (coding));
          row->actor[column]++;
          self->column_totals_actor[column]++;
          mask = GPOINTER_TO_UINT (g_hash_table_lookup (phases, coding));
          if (mask == 0)
            mask = 1u << phase_column (KTS_PHASE_UNSET);
          for (guint p = 0; p < N_COLUMNS; p++)
            if (mask & (1u << p))
              {
                row->phase[p]++;
                self->column_totals_phase[p]++;
              }
          row->total++;
          self->n_codings++;
        }
    }

  /* Rows in codebook order; the scales of the bars. */
  codes = kts_codebook_list_codes (kts_project_get_codebook (self->project));
  for (guint i = 0; i < codes->len; i++)
    {
      KtsCode *code = g_ptr_array_index (codes, i);
      Row     *row = g_hash_table_lookup (self->rows, code);

      if (row == NULL)
        continue;
      row->order = i;
      g_list_store_append (self->codes, code);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          self->max_actor = MAX (self->max_actor, row->actor[c]);
          self->max_phase = MAX (self->max_phase, row->phase[c]);
        }
      self->max_total = MAX (self->max_total, row->total);
    }
}

/* ---- the table -------------------------------------------------------------------- */

static Row *
row_of (KtsFrequencyTable *self, gpointer code)
{
  return g_hash_table_lookup (self->rows, code);
}

static guint
cell_value (KtsFrequencyTable *self, Row *row, guint column)
{
  if (row == NULL)
    return 0;
  if (column == TOTAL)
    return row->total;
  return self->mode == KTS_FREQUENCY_BY_ACTOR ? row->actor[column] : row->phase[column];
}

static int
sort_code (gconstpointer a, gconstpointer b, gpointer user_data)
{
  KtsFrequencyTable *self = user_data;
  Row               *ra = row_of (self, (gpointer)a);
  Row               *rb = row_of (self, (gpointer)b);
  guint              oa = ra != NULL ? ra->order : 0;
  guint              ob = rb != NULL ? rb->order : 0;

  return oa < ob ? GTK_ORDERING_SMALLER : oa > ob ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
sort_count (gconstpointer a, gconstpointer b, gpointer user_data)
{
  KtsFrequencyTable *self = g_object_get_data (user_data, "kts-table");
  guint              column = GPOINTER_TO_UINT (g_object_get_data (user_data, "kts-column"));
  guint              va = cell_value (self, row_of (self, (gpointer)a), column);
  guint              vb = cell_value (self, row_of (self, (gpointer)b), column);

  if (va != vb)
    return va < vb ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return sort_code (a, b, self);
}

static void
setup_code_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *key = gtk_label_new (NULL);

  gtk_box_append (GTK_BOX (box), kts_color_swatch_new (NULL));
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  gtk_label_set_ellipsize (GTK_LABEL (key), PANGO_ELLIPSIZE_START);
  gtk_label_set_max_width_chars (GTK_LABEL (key), 24);
  gtk_widget_add_css_class (key, "dim-label");
  gtk_widget_add_css_class (key, "code-key");
  gtk_box_append (GTK_BOX (box), key);
  gtk_list_item_set_child (item, box);
}

static void
bind_code_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  KtsCode   *code = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (swatch);
  GtkWidget *key = gtk_widget_get_next_sibling (name);

  kts_color_swatch_set_color (KTS_COLOR_SWATCH (swatch), kts_code_get_color (code));
  gtk_label_set_label (GTK_LABEL (name), kts_code_get_name (code));
  gtk_label_set_label (GTK_LABEL (key), kts_code_get_key (code) ? kts_code_get_key (code) : "");
  gtk_widget_set_tooltip_text (box, kts_code_get_definition (code));
}

static void
setup_count_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  guint      column = GPOINTER_TO_UINT (user_data);
  GtkWidget *bar = kts_frequency_bar_new ();

  kts_frequency_bar_set_neutral (KTS_FREQUENCY_BAR (bar), column == TOTAL);
  gtk_list_item_set_child (item, bar);
}

static void
bind_count_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  KtsFrequencyTable *self = g_object_get_data (G_OBJECT (factory), "kts-table");
  guint              column = GPOINTER_TO_UINT (user_data);
  KtsCode           *code = gtk_list_item_get_item (item);
  guint              value = cell_value (self, row_of (self, code), column);
  guint              maximum = column == TOTAL                        ? self->max_total
                               : self->mode == KTS_FREQUENCY_BY_ACTOR ? self->max_actor
                                                                      : self->max_phase;
  GtkWidget         *bar = gtk_list_item_get_child (item);
  g_autofree char   *label = NULL;

  kts_frequency_bar_set_value (KTS_FREQUENCY_BAR (bar), value, maximum);
  /* Translators: accessible name of a cell: "Silence, Client: 4" */
  label = g_strdup_printf (_ ("%s, %s: %u"), kts_code_get_name (code),
                           column_title (self->mode, column), value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static GtkColumnViewColumn *
add_column (KtsFrequencyTable  *self,
            const char         *title,
            GtkListItemFactory *factory,
            GtkSorter          *sorter)
{
  GtkColumnViewColumn *column = gtk_column_view_column_new (title, factory);

  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), column);
  g_object_unref (sorter);
  return column;
}

static void
build_columns (KtsFrequencyTable *self)
{
  GtkColumnView       *view = GTK_COLUMN_VIEW (self->column_view);
  GListModel          *columns = gtk_column_view_get_columns (view);
  GtkListItemFactory  *factory;
  GtkColumnViewColumn *code_column;
  const guint         *totals = self->mode == KTS_FREQUENCY_BY_ACTOR ? self->column_totals_actor
                                                                     : self->column_totals_phase;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (view, column);
    }

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_code_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_code_cb), NULL);
  code_column = add_column (self, _ ("Code"), factory,
                            GTK_SORTER (gtk_custom_sorter_new (sort_code, self, NULL)));
  gtk_column_view_column_set_expand (code_column, TRUE);
  g_object_unref (code_column);

  for (guint c = 0; c <= TOTAL; c++)
    {
      GtkCustomSorter     *sorter;
      GtkColumnViewColumn *column;

      /* The last column ("not set", "no phase") only when it has something. */
      if (c == N_COLUMNS - 1 && totals[c] == 0)
        continue;
      factory = gtk_signal_list_item_factory_new ();
      g_object_set_data (G_OBJECT (factory), "kts-table", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_count_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_count_cb), GUINT_TO_POINTER (c));
      sorter = gtk_custom_sorter_new (sort_count, NULL, NULL);
      g_object_set_data (G_OBJECT (sorter), "kts-table", self);
      g_object_set_data (G_OBJECT (sorter), "kts-column", GUINT_TO_POINTER (c));
      gtk_custom_sorter_set_sort_func (sorter, sort_count, sorter, NULL);
      column = add_column (self, column_title (self->mode, c), factory, GTK_SORTER (sorter));
      gtk_column_view_column_set_fixed_width (column, 150);
      g_object_unref (column);
    }
  gtk_column_view_sort_by_column (view, code_column, GTK_SORT_ASCENDING);
}

static void
update_labels (KtsFrequencyTable *self)
{
  guint            n_codes = g_list_model_get_n_items (G_LIST_MODEL (self->codes));
  g_autofree char *codings = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u coding", "%u codings", self->n_codings), self->n_codings);
  g_autofree char *codes
      = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u code", "%u codes", n_codes), n_codes);
  /* Translators: "148 codings of 42 codes" */
  g_autofree char *summary = g_strdup_printf (_ ("%s of %s"), codings, codes);

  gtk_label_set_label (GTK_LABEL (self->summary_label), summary);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), n_codes > 0 ? "table" : "empty");
  if (self->mode == KTS_FREQUENCY_BY_ACTOR)
    gtk_label_set_label (GTK_LABEL (self->caption),
                         _ ("Actor is who expresses the need in a passage, not who speaks. Bars "
                            "share one scale across the table; totals have their own."));
  else
    gtk_label_set_label (GTK_LABEL (self->caption),
                         _ ("A coding has the phase of the process-map move it anchors; one that "
                            "anchors moves of two phases counts in both. Codings in no move, or in "
                            "moves without a phase, count as “No Phase”."));
}

static void
fill_choices (KtsFrequencyTable *self)
{
  g_autoptr (GListStore) documents = g_list_store_new (KTS_TYPE_CHOICE);
  g_autoptr (GListStore) coders = g_list_store_new (KTS_TYPE_CHOICE);
  g_autoptr (KtsChoice) all_documents = kts_choice_new (_ ("All transcripts"), NULL, NULL);
  g_autoptr (KtsChoice) all_coders = kts_choice_new (_ ("All coders"), NULL, NULL);
  KtsChoice *choice;

  g_list_store_append (documents, all_documents);
  g_list_store_append (coders, all_coders);
  if (self->project != NULL)
    {
      GListModel *list = kts_project_get_documents (self->project);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr (KtsDocument) document = g_list_model_get_item (list, i);
          g_autoptr (KtsChoice) c
              = kts_choice_new (kts_document_get_title (document), document, NULL);
          g_list_store_append (documents, c);
        }
      list = kts_project_get_coders (self->project);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr (KtsCoder) coder = g_list_model_get_item (list, i);
          g_autoptr (KtsChoice) c = kts_choice_new (kts_coder_get_name (coder), coder, NULL);
          g_list_store_append (coders, c);
        }
    }

  self->updating = TRUE;
  kts_choice_drop_down_set_choices (GTK_DROP_DOWN (self->document_drop_down),
                                    G_LIST_MODEL (documents));
  kts_choice_drop_down_set_choices (GTK_DROP_DOWN (self->coder_drop_down), G_LIST_MODEL (coders));
  self->updating = FALSE;
  gtk_widget_set_visible (self->coder_drop_down,
                          g_list_model_get_n_items (G_LIST_MODEL (coders)) > 2);

  choice = kts_choice_drop_down_get_selected (GTK_DROP_DOWN (self->document_drop_down));
  self->document = choice != NULL ? kts_choice_get_item (choice) : NULL;
  choice = kts_choice_drop_down_get_selected (GTK_DROP_DOWN (self->coder_drop_down));
  self->coder = choice != NULL ? kts_choice_get_item (choice) : NULL;
}

static void
rebuild (KtsFrequencyTable *self)
{
  count (self);
  build_columns (self);
  update_labels (self);
}

void
kts_frequency_table_refresh (KtsFrequencyTable *self)
{
  g_return_if_fail (KTS_IS_FREQUENCY_TABLE (self));

  if (!self->stale)
    return;
  self->stale = FALSE;
  fill_choices (self);
  rebuild (self);
}

static void
scope_changed_cb (KtsFrequencyTable *self)
{
  KtsChoice *choice;

  if (self->updating)
    return;
  choice = kts_choice_drop_down_get_selected (GTK_DROP_DOWN (self->document_drop_down));
  self->document = choice != NULL ? kts_choice_get_item (choice) : NULL;
  choice = kts_choice_drop_down_get_selected (GTK_DROP_DOWN (self->coder_drop_down));
  self->coder = choice != NULL ? kts_choice_get_item (choice) : NULL;
  rebuild (self);
}

static void
mode_toggled_cb (KtsFrequencyTable *self)
{
  kts_frequency_table_set_mode (
      self, gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->actor_button))
                ? KTS_FREQUENCY_BY_ACTOR
                : KTS_FREQUENCY_BY_PHASE);
}

static void
project_changed_cb (KtsFrequencyTable *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    kts_frequency_table_refresh (self);
}

/* ---- GObject -------------------------------------------------------------------- */

static void
kts_frequency_table_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kts_frequency_table_parent_class)->map (widget);
  kts_frequency_table_refresh (KTS_FREQUENCY_TABLE (widget));
}

static void
kts_frequency_table_dispose (GObject *object)
{
  KtsFrequencyTable *self = KTS_FREQUENCY_TABLE (object);

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), KTS_TYPE_FREQUENCY_TABLE);
  /* The template's root box has no id, so the template does not unparent it. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->codes);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  G_OBJECT_CLASS (kts_frequency_table_parent_class)->dispose (object);
}

static void
kts_frequency_table_class_init (KtsFrequencyTableClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_frequency_table_dispose;
  widget_class->map = kts_frequency_table_map;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/kintsugi_qda/Kintsugi/kts-frequency-table.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsFrequencyTable, toolbar);
  gtk_widget_class_bind_template_child (widget_class, KtsFrequencyTable, actor_button);
  gtk_widget_class_bind_template_child (widget_class, KtsFrequencyTable, phase_button);
  gtk_widget_class_bind_template_child (widget_class, KtsFrequencyTable, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KtsFrequencyTable, stack);
  gtk_widget_class_bind_template_child (widget_class, KtsFrequencyTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, KtsFrequencyTable, caption);
  gtk_widget_class_bind_template_child (widget_class, KtsFrequencyTable, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "frequencytable");
}

static void
kts_frequency_table_init (KtsFrequencyTable *self)
{
  GtkSorter *sorter;
  GtkWidget *first;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->stale = TRUE;
  self->rows = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->codes = g_list_store_new (KTS_TYPE_CODE);

  first = gtk_widget_get_first_child (self->toolbar);
  self->document_drop_down = kts_choice_drop_down_new (_ ("Transcript"), TRUE);
  gtk_box_insert_child_after (GTK_BOX (self->toolbar), self->document_drop_down, first);
  gtk_widget_set_margin_start (self->document_drop_down, 6);
  self->coder_drop_down = kts_choice_drop_down_new (_ ("Coder"), FALSE);
  gtk_box_insert_child_after (GTK_BOX (self->toolbar), self->coder_drop_down,
                              self->document_drop_down);
  g_signal_connect_swapped (self->document_drop_down, "notify::selected",
                            G_CALLBACK (scope_changed_cb), self);
  g_signal_connect_swapped (self->coder_drop_down, "notify::selected",
                            G_CALLBACK (scope_changed_cb), self);

  sorter = gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view));
  gtk_column_view_set_model (
      GTK_COLUMN_VIEW (self->column_view),
      GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (gtk_sort_list_model_new (
          G_LIST_MODEL (g_object_ref (self->codes)), g_object_ref (sorter))))));
  fill_choices (self);
  rebuild (self);
}

GtkWidget *
kts_frequency_table_new (void)
{
  return g_object_new (KTS_TYPE_FREQUENCY_TABLE, NULL);
}

void
kts_frequency_table_set_project (KtsFrequencyTable *self, KtsProject *project)
{
  g_return_if_fail (KTS_IS_FREQUENCY_TABLE (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  if (self->project == project)
    return;
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_set_object (&self->project, project);
  if (project != NULL)
    self->changed_id
        = g_signal_connect_swapped (project, "changed", G_CALLBACK (project_changed_cb), self);
  self->document = NULL;
  self->coder = NULL;
  self->stale = TRUE;
  g_hash_table_remove_all (self->rows);
  g_list_store_remove_all (self->codes);
  fill_choices (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    kts_frequency_table_refresh (self);
}

void
kts_frequency_table_set_mode (KtsFrequencyTable *self, KtsFrequencyMode mode)
{
  g_return_if_fail (KTS_IS_FREQUENCY_TABLE (self));

  if (self->mode == mode)
    return;
  self->mode = mode;
  gtk_toggle_button_set_active (
      GTK_TOGGLE_BUTTON (mode == KTS_FREQUENCY_BY_ACTOR ? self->actor_button : self->phase_button),
      TRUE);
  build_columns (self);
  update_labels (self);
}

void
kts_frequency_table_set_scope (KtsFrequencyTable *self, KtsDocument *document, KtsCoder *coder)
{
  g_return_if_fail (KTS_IS_FREQUENCY_TABLE (self));

  kts_frequency_table_refresh (self);
  self->updating = TRUE;
  kts_choice_drop_down_select (GTK_DROP_DOWN (self->document_drop_down), document, NULL);
  kts_choice_drop_down_select (GTK_DROP_DOWN (self->coder_drop_down), coder, NULL);
  self->updating = FALSE;
  scope_changed_cb (self);
}

guint
kts_frequency_table_get_count (KtsFrequencyTable *self, KtsCode *code, int column)
{
  g_return_val_if_fail (KTS_IS_FREQUENCY_TABLE (self), 0);
  g_return_val_if_fail (column >= -1 && column < N_COLUMNS, 0);

  kts_frequency_table_refresh (self);
  return cell_value (self, row_of (self, code), column < 0 ? TOTAL : (guint)column);
}

GListModel *
kts_frequency_table_get_codes (KtsFrequencyTable *self)
{
  g_return_val_if_fail (KTS_IS_FREQUENCY_TABLE (self), NULL);

  kts_frequency_table_refresh (self);
  return G_LIST_MODEL (self->codes);
}

const char *
kts_frequency_table_get_state (KtsFrequencyTable *self)
{
  g_return_val_if_fail (KTS_IS_FREQUENCY_TABLE (self), NULL);

  kts_frequency_table_refresh (self);
  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}
