/* kts-move-inspector.c: the Process map's sidebar: every field of the selected move or edge, and
 * the episode's. SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The forms are built from one table of fields (which object, which
 * property, which kind of row), so committing an edit and showing the model
 * after an undo are the same few lines for every field.
 */
#define G_LOG_DOMAIN "kts-move-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-color-swatch.h"
#include "kts-enum-types.h"
#include "kts-move-inspector.h"

#define LABEL_MAX_CHARS 60

typedef enum
{
  TARGET_MOVE,
  TARGET_EDGE,
  TARGET_EPISODE,
  TARGET_CASE,
} Target;

typedef enum
{
  KIND_ENTRY,
  KIND_COMBO,
  KIND_TEXT,
  KIND_SPIN,
} Kind;

typedef struct
{
  int         value;
  const char *label;
} Choice;

typedef struct
{
  Target        target;
  Kind          kind;
  const char   *property;
  const char   *title;
  const Choice *choices;
  guint         n_choices;
  gboolean      single; /* a move field that only makes sense for one card */
  GtkWidget    *row;    /* what is shown and hidden */
  GtkWidget    *editor; /* the AdwEntryRow, AdwComboRow, GtkSpinButton or GtkTextView */
} Field;

/* ---- the vocabularies, in the order they are offered ------------------------------- */

static const Choice actor_choices[] = {
  { KTS_ACTOR_THERAPIST, N_ ("Therapist") }, { KTS_ACTOR_CLIENT, N_ ("Client") },
  { KTS_ACTOR_DYAD, N_ ("Dyad (both)") },    { KTS_ACTOR_THIRD, N_ ("Third person") },
  { KTS_ACTOR_UNSET, N_ ("Not set") },
};
static const Choice dimension_choices[] = {
  { KTS_DIMENSION_SELF_DEFINITION, N_ ("Self-definition (SD)") },
  { KTS_DIMENSION_RELATEDNESS, N_ ("Relatedness (REL)") },
  { KTS_DIMENSION_BOTH, N_ ("Both (SD and REL)") },
  { KTS_DIMENSION_NONE, N_ ("None") },
};
static const Choice phase_choices[] = {
  { KTS_PHASE_BEFORE, N_ ("Before") }, { KTS_PHASE_RUPTURE, N_ ("Rupture") },
  { KTS_PHASE_REPAIR, N_ ("Repair") }, { KTS_PHASE_AFTER, N_ ("After") },
  { KTS_PHASE_UNSET, N_ ("Not set") },
};
static const Choice role_choices[] = {
  { KTS_MOVE_ROLE_NONE, N_ ("None") },
  { KTS_MOVE_ROLE_TRIGGER, N_ ("Trigger") },
  { KTS_MOVE_ROLE_MARKER, N_ ("Rupture marker") },
  { KTS_MOVE_ROLE_OSTENSIVE, N_ ("Ostensive moment") },
  { KTS_MOVE_ROLE_REPAIR_ATTEMPT, N_ ("Repair attempt") },
  { KTS_MOVE_ROLE_FAILED_REPAIR, N_ ("Failed repair") },
  { KTS_MOVE_ROLE_RESOLUTION, N_ ("Resolution") },
  { KTS_MOVE_ROLE_CONSOLIDATION, N_ ("Consolidation") },
};
static const Choice time_choices[] = {
  { KTS_TIME_CERTAINTY_UNSET, N_ ("Not set") },
  { KTS_TIME_CERTAINTY_EXACT, N_ ("Exact") },
  { KTS_TIME_CERTAINTY_APPROX, N_ ("Approximate") },
  { KTS_TIME_CERTAINTY_UNKNOWN, N_ ("Unknown") },
};
static const Choice location_choices[] = {
  { KTS_LOCATION_UNSET, N_ ("Not set") },
  { KTS_LOCATION_IN_SESSION, N_ ("In session") },
  { KTS_LOCATION_BETWEEN_SESSIONS, N_ ("Between sessions") },
  { KTS_LOCATION_OUTSIDE, N_ ("Outside therapy") },
};
static const Choice channel_choices[] = {
  { KTS_CHANNEL_UNSET, N_ ("Not set") }, { KTS_CHANNEL_FACE_TO_FACE, N_ ("Face to face") },
  { KTS_CHANNEL_PHONE, N_ ("Phone") },   { KTS_CHANNEL_TEXT, N_ ("Text message") },
  { KTS_CHANNEL_ONLINE, N_ ("Online") },
};
static const Choice interpretation_choices[] = {
  { KTS_INTERPRETATION_PARTICIPANT, N_ ("Participant’s account") },
  { KTS_INTERPRETATION_ANALYST, N_ ("Analyst’s inference") },
};
static const Choice explicitness_choices[] = {
  { KTS_EXPLICITNESS_UNSET, N_ ("Not set") },
  { KTS_EXPLICITNESS_EXPLICIT, N_ ("Explicit") },
  { KTS_EXPLICITNESS_IMPLICIT, N_ ("Implicit") },
};
static const Choice awareness_choices[] = {
  { KTS_AWARENESS_UNSET, N_ ("Not set") },
  { KTS_AWARENESS_AWARE, N_ ("Aware") },
  { KTS_AWARENESS_OUT_OF_AWARENESS, N_ ("Out of awareness") },
  { KTS_AWARENESS_UNKNOWN, N_ ("Unknown") },
};
static const Choice edge_choices[] = {
  { KTS_EDGE_RESPONDS_TO, N_ ("Responds to") },
  { KTS_EDGE_VEILS, N_ ("Veils") },
  { KTS_EDGE_INFORMS, N_ ("Informs") },
  { KTS_EDGE_ESCALATES, N_ ("Escalates") },
  { KTS_EDGE_REPAIRS, N_ ("Repairs") },
  { KTS_EDGE_SAME_EVENT, N_ ("Same event") },
  { KTS_EDGE_FAILS, N_ ("Fails") },
  { KTS_EDGE_NEXT, N_ ("Next") },
};
static const Choice initiator_choices[] = {
  { KTS_INITIATOR_UNSET, N_ ("Not set") },   { KTS_INITIATOR_THERAPIST, N_ ("Therapist") },
  { KTS_INITIATOR_CLIENT, N_ ("Client") },   { KTS_INITIATOR_BOTH, N_ ("Both") },
  { KTS_INITIATOR_UNCLEAR, N_ ("Unclear") },
};
static const Choice resolution_choices[] = {
  { KTS_RESOLUTION_UNKNOWN, N_ ("Unknown") },
  { KTS_RESOLUTION_RESOLVED, N_ ("Resolved") },
  { KTS_RESOLUTION_PARTIAL, N_ ("Partly resolved") },
  { KTS_RESOLUTION_UNRESOLVED, N_ ("Unresolved") },
};
static const Choice status_choices[] = {
  { KTS_EPISODE_STATUS_DRAFT, N_ ("Draft") },
  { KTS_EPISODE_STATUS_VALIDATED, N_ ("Validated against the transcript") },
};

static const char *const theme_ids[] = { "1a", "1b", "2a", "2b", "2c", "2d", "2e" };
static const char *const theme_tips[] = {
  N_ ("1a Relatedness imbalance"),
  N_ ("1b Self-definition struggle"),
  N_ ("2a Therapist strengthens own self-definition outside therapy"),
  N_ ("2b Therapist strengthens the client’s self-definition"),
  N_ ("2c Therapist softens own display of self-definition"),
  N_ ("2d Therapist regulates relatedness"),
  N_ ("2e Balance of self-definition and relatedness"),
};

struct _KtsMoveInspector
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *switcher;
  GtkWidget *stack;
  GtkWidget *selection_stack;
  GtkWidget *move_page;
  GtkWidget *edge_page;
  GtkWidget *episode_page;
  GtkWidget *none_page;

  GtkWidget *move_heading; /* group with the card's id and a summary */
  GtkWidget *label_counter;
  GtkWidget *quote_group;
  GtkWidget *quote_row;
  GtkWidget *quote_frame;
  GtkWidget *quote_view;
  GtkWidget *anchors_group;
  GPtrArray *anchor_rows;
  GtkWidget *memo_group;
  GtkWidget *edge_group;
  GtkWidget *source_row;
  GtkWidget *target_row;
  GtkWidget *case_row;
  GtkWidget *case_fields_group;
  GtkWidget *transcript_row;
  GtkWidget *theme_buttons[G_N_ELEMENTS (theme_ids)];
  GPtrArray *cases_shown; /* KtsCase behind the case row's items 1…n */

  GPtrArray *fields; /* Field */
  Field     *label_field;
  Field     *third_field;
  Field     *count_field;
  Field     *dimension_field;
  GtkWidget *themes_group;
  GtkWidget *formula_group;

  KtsProject *project;
  KtsEpisode *episode;
  GPtrArray  *moves; /* KtsMove, the selection */
  KtsEdge    *edge;
  gulong      changed_id;
  gboolean    updating;
};

G_DEFINE_FINAL_TYPE (KtsMoveInspector, kts_move_inspector, GTK_TYPE_WIDGET)

enum
{
  CODING_ACTIVATED,
  MOVE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh (KtsMoveInspector *self);

/* ---- helpers ------------------------------------------------------------------------ */

static gboolean
item_alive (KtsMoveInspector *self, gpointer item)
{
  return item != NULL && self->project != NULL
         && kts_project_lookup (self->project, kts_item_get_guid (KTS_ITEM (item))) == item;
}

static KtsMove *
single_move (KtsMoveInspector *self)
{
  return self->moves->len == 1 ? g_ptr_array_index (self->moves, 0) : NULL;
}

static char *
text_view_get_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter    start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static guint
choice_index (const Field *field, int value)
{
  for (guint i = 0; i < field->n_choices; i++)
    if (field->choices[i].value == value)
      return i;
  return 0;
}

/* A string with surrounding blanks removed, NULL when nothing is left. */
static char *
clean_text (const char *text)
{
  char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

/* The next free case label: "A", "B", … */
static char *
next_case_label (KtsProject *project)
{
  GListModel *cases = kts_project_get_cases (project);

  for (guint n = 0;; n++)
    {
      g_autofree char *label
          = n < 26 ? g_strdup_printf ("%c", 'A' + n) : g_strdup_printf ("C%u", n + 1);
      gboolean used = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (cases) && !used; i++)
        {
          g_autoptr (KtsCase) kase = g_list_model_get_item (cases, i);
          used = g_strcmp0 (kts_case_get_label (kase), label) == 0;
        }
      if (!used)
        return g_steal_pointer (&label);
    }
}

/* Gives the episode a new case (inside the caller's undo group). */
static KtsCase *
create_case (KtsMoveInspector *self)
{
  g_autofree char *label = next_case_label (self->project);
  g_autoptr (KtsCase) kase = kts_case_new (NULL, label);
  g_autoptr (GError) error = NULL;

  if (!kts_project_add_case (self->project, kase, &error))
    {
      g_warning ("%s", error->message);
      return NULL;
    }
  kts_project_set_object (self->project, self->episode, "case", kase);
  return kase;
}

/* ---- committing ------------------------------------------------------------------- */

/* The value the field's editor holds, as a value of @pspec's type. */
static gboolean
field_get_value (Field *field, GParamSpec *pspec, GValue *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (value, type);
  switch (field->kind)
    {
    case KIND_ENTRY:
      {
        g_autofree char *text = clean_text (gtk_editable_get_text (GTK_EDITABLE (field->editor)));
        g_value_take_string (value, g_steal_pointer (&text));
      }
      return TRUE;
    case KIND_TEXT:
      {
        g_autofree char *raw = text_view_get_text (field->editor);
        g_value_take_string (value, clean_text (raw));
      }
      return TRUE;
    case KIND_COMBO:
      {
        guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (field->editor));

        if (i >= field->n_choices)
          return FALSE;
        if (G_TYPE_IS_ENUM (type))
          g_value_set_enum (value, field->choices[i].value);
        else
          g_value_set_int (value, field->choices[i].value);
      }
      return TRUE;
    case KIND_SPIN:
    default:
      g_value_set_int (value, gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (field->editor)));
      return TRUE;
    }
}

static gboolean
values_equal (const GValue *a, const GValue *b)
{
  if (G_VALUE_HOLDS_STRING (a))
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (G_VALUE_HOLDS_ENUM (a))
    return g_value_get_enum (a) == g_value_get_enum (b);
  if (G_VALUE_HOLDS_INT (a))
    return g_value_get_int (a) == g_value_get_int (b);
  return FALSE;
}

static void
commit_field (KtsMoveInspector *self, Field *field)
{
  g_autoptr (GPtrArray) targets = g_ptr_array_new ();
  g_autoptr (GPtrArray) changing = g_ptr_array_new ();
  g_auto (GValue) value = G_VALUE_INIT;
  GParamSpec      *pspec = NULL;
  gboolean         need_case = FALSE;
  g_autofree char *label = NULL;

  if (self->updating || self->project == NULL)
    return;

  switch (field->target)
    {
    case TARGET_MOVE:
      for (guint i = 0; i < self->moves->len; i++)
        if (item_alive (self, g_ptr_array_index (self->moves, i)))
          g_ptr_array_add (targets, g_ptr_array_index (self->moves, i));
      if (field->single && targets->len != 1)
        return;
      if (targets->len > 0)
        pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (targets->pdata[0]),
                                              field->property);
      break;
    case TARGET_EDGE:
      if (item_alive (self, self->edge))
        g_ptr_array_add (targets, self->edge);
      pspec = g_object_class_find_property (g_type_class_peek (KTS_TYPE_EDGE), field->property);
      break;
    case TARGET_EPISODE:
      if (item_alive (self, self->episode))
        g_ptr_array_add (targets, self->episode);
      pspec = g_object_class_find_property (g_type_class_peek (KTS_TYPE_EPISODE), field->property);
      break;
    case TARGET_CASE:
    default:
      if (!item_alive (self, self->episode))
        return;
      if (kts_episode_get_case (self->episode) != NULL)
        g_ptr_array_add (targets, kts_episode_get_case (self->episode));
      else
        need_case = TRUE;
      pspec = g_object_class_find_property (g_type_class_peek (KTS_TYPE_CASE), field->property);
      break;
    }
  if (pspec == NULL || (targets->len == 0 && !need_case))
    return;
  if (!field_get_value (field, pspec, &value))
    return;

  for (guint i = 0; i < targets->len; i++)
    {
      g_auto (GValue) current = G_VALUE_INIT;

      g_value_init (&current, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (targets->pdata[i], field->property, &current);
      if (!values_equal (&current, &value))
        g_ptr_array_add (changing, targets->pdata[i]);
    }
  if (need_case)
    {
      /* Nothing typed into an empty case field makes no case. */
      g_auto (GValue) blank = G_VALUE_INIT;
      g_value_init (&blank, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_param_value_set_default (pspec, &blank);
      if (values_equal (&blank, &value))
        return;
    }
  if (changing->len == 0 && !need_case)
    return;

  /* Several objects, or a case made on the way: one undo step. */
  label = g_strdup_printf (_ ("Edit “%s”"), _ (field->title));
  if (changing->len > 1 || need_case)
    kts_project_begin_group (self->project, label);
  if (need_case)
    {
      KtsCase *kase = create_case (self);
      if (kase != NULL)
        g_ptr_array_add (changing, kase);
    }
  for (guint i = 0; i < changing->len; i++)
    kts_project_set_property (self->project, changing->pdata[i], field->property, &value);
  if (changing->len > 1 || need_case)
    kts_project_end_group (self->project);
}

static Field *
widget_get_field (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "kts-field");
}

static void
entry_apply_cb (AdwEntryRow *row, KtsMoveInspector *self)
{
  commit_field (self, widget_get_field (GTK_WIDGET (row)));
}

static void
combo_selected_cb (AdwComboRow *row, GParamSpec *pspec, KtsMoveInspector *self)
{
  commit_field (self, widget_get_field (GTK_WIDGET (row)));
}

static void
spin_value_cb (GtkSpinButton *spin, KtsMoveInspector *self)
{
  commit_field (self, widget_get_field (GTK_WIDGET (spin)));
}

/* 0 is "not known" (an age) or "not given" (a count): shown as a dash. */
static gboolean
spin_output_cb (GtkSpinButton *spin, gpointer data)
{
  g_autofree char *text = NULL;
  int              value = gtk_spin_button_get_value_as_int (spin);

  text = value == 0 ? g_strdup ("–") : g_strdup_printf ("%d", value);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
spin_input_cb (GtkSpinButton *spin, double *value, gpointer data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char       *end = NULL;

  if (*text == '\0' || g_str_equal (text, "–") || g_str_equal (text, "-"))
    {
      *value = 0;
      return TRUE;
    }
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' ? TRUE : GTK_INPUT_ERROR;
}

static void
focus_leave_cb (GtkEventControllerFocus *focus, KtsMoveInspector *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));

  commit_field (self, widget_get_field (widget));
}

static void
label_changed_cb (GtkEditable *editable, KtsMoveInspector *self)
{
  glong            n = g_utf8_strlen (gtk_editable_get_text (editable), -1);
  g_autofree char *text = g_strdup_printf ("%ld/%d", n, LABEL_MAX_CHARS);

  gtk_label_set_text (GTK_LABEL (self->label_counter), text);
  if (n > LABEL_MAX_CHARS)
    gtk_widget_add_css_class (self->label_counter, "error");
  else
    gtk_widget_remove_css_class (self->label_counter, "error");
}

/* ---- building rows ------------------------------------------------------------------ */

static GtkStringList *
choice_model (const Choice *choices, guint n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _ (choices[i].label));
  return list;
}

static Field *
add_field (KtsMoveInspector *self,
           GtkWidget        *group,
           Target            target,
           Kind              kind,
           const char       *property,
           const char       *title,
           const Choice     *choices,
           guint             n_choices)
{
  Field              *field = g_new0 (Field, 1);
  GtkEventController *focus;

  field->target = target;
  field->kind = kind;
  field->property = property;
  field->title = title;
  field->choices = choices;
  field->n_choices = n_choices;

  switch (kind)
    {
    case KIND_ENTRY:
      field->row = field->editor = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), _ (title));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (field->row), TRUE);
      g_signal_connect (field->row, "apply", G_CALLBACK (entry_apply_cb), self);
      g_signal_connect (field->row, "entry-activated", G_CALLBACK (entry_apply_cb), self);
      focus = gtk_event_controller_focus_new ();
      g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
      gtk_widget_add_controller (field->row, focus);
      break;
    case KIND_COMBO:
      {
        g_autoptr (GtkStringList) model = choice_model (choices, n_choices);

        field->row = field->editor = adw_combo_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), _ (title));
        adw_combo_row_set_model (ADW_COMBO_ROW (field->row), G_LIST_MODEL (model));
        g_signal_connect (field->row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
      }
      break;
    case KIND_SPIN:
      field->row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), _ (title));
      field->editor = gtk_spin_button_new_with_range (0, 130, 1);
      gtk_widget_set_valign (field->editor, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ (title), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->editor);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (field->row), field->editor);
      g_signal_connect (field->editor, "value-changed", G_CALLBACK (spin_value_cb), self);
      g_signal_connect (field->editor, "output", G_CALLBACK (spin_output_cb), NULL);
      g_signal_connect (field->editor, "input", G_CALLBACK (spin_input_cb), NULL);
      break;
    case KIND_TEXT:
    default:
      {
        GtkWidget *heading = gtk_label_new (_ (title));
        GtkWidget *frame = gtk_frame_new (NULL);

        field->row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
        gtk_label_set_xalign (GTK_LABEL (heading), 0);
        gtk_widget_add_css_class (heading, "heading");
        gtk_box_append (GTK_BOX (field->row), heading);
        field->editor = gtk_text_view_new ();
        gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (field->editor), GTK_WRAP_WORD_CHAR);
        gtk_text_view_set_top_margin (GTK_TEXT_VIEW (field->editor), 8);
        gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (field->editor), 8);
        gtk_text_view_set_left_margin (GTK_TEXT_VIEW (field->editor), 8);
        gtk_text_view_set_right_margin (GTK_TEXT_VIEW (field->editor), 8);
        gtk_widget_set_size_request (field->editor, -1, 72);
        gtk_accessible_update_property (GTK_ACCESSIBLE (field->editor),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _ (title), -1);
        gtk_frame_set_child (GTK_FRAME (frame), field->editor);
        gtk_widget_add_css_class (frame, "view");
        gtk_box_append (GTK_BOX (field->row), frame);
        focus = gtk_event_controller_focus_new ();
        g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
        gtk_widget_add_controller (field->editor, focus);
      }
      break;
    }
  g_object_set_data (G_OBJECT (field->editor), "kts-field", field);
  g_object_set_data (G_OBJECT (field->row), "kts-field", field);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field->row);
  g_ptr_array_add (self->fields, field);
  return field;
}

static GtkWidget *
add_group (GtkWidget *page, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return group;
}

/* Gives @row the items of @items unless it has them already: replacing the
 * model while the row is telling us of a choice would pull it from under it. */
static void
combo_set_items (GtkWidget *row, GtkStringList *items)
{
  GListModel *old = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  guint       n = g_list_model_get_n_items (G_LIST_MODEL (items));
  gboolean    same = old != NULL && GTK_IS_STRING_LIST (old) && g_list_model_get_n_items (old) == n;

  for (guint i = 0; same && i < n; i++)
    same = g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (old), i),
                        gtk_string_list_get_string (items, i));
  if (!same)
    adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (items));
}

/* ---- the quote ------------------------------------------------------------------------ */

static void
quote_selected_cb (AdwComboRow *row, GParamSpec *pspec, KtsMoveInspector *self)
{
  KtsMove   *move = single_move (self);
  GPtrArray *anchors;
  guint      i = adw_combo_row_get_selected (row);

  if (self->updating || move == NULL || !item_alive (self, move))
    return;
  anchors = kts_move_get_anchors (move);
  if (i == 0)
    {
      gtk_widget_set_visible (self->quote_frame, FALSE);
      if (kts_move_get_quote (move) != NULL)
        kts_project_set_string (self->project, move, "quote", NULL);
    }
  else if (i <= anchors->len)
    {
      g_autofree char *text = kts_coding_dup_text (g_ptr_array_index (anchors, i - 1));

      gtk_widget_set_visible (self->quote_frame, FALSE);
      /* The first anchor's text is the default: store no quote for it. */
      if (i == 1)
        g_clear_pointer (&text, g_free);
      if (g_strcmp0 (text, kts_move_get_quote (move)) != 0)
        kts_project_set_string (self->project, move, "quote", text);
    }
  else
    {
      /* A quote of one's own: start from the one printed now. */
      g_autofree char *current = kts_move_dup_primary_quote (move);
      GtkTextBuffer   *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->quote_view));

      self->updating = TRUE;
      gtk_text_buffer_set_text (buffer, current != NULL ? current : "", -1);
      self->updating = FALSE;
      gtk_widget_set_visible (self->quote_frame, TRUE);
      gtk_widget_grab_focus (self->quote_view);
    }
}

static void
quote_focus_leave_cb (GtkEventControllerFocus *focus, KtsMoveInspector *self)
{
  KtsMove         *move = single_move (self);
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;

  if (self->updating || move == NULL || !item_alive (self, move)
      || !gtk_widget_get_visible (self->quote_frame))
    return;
  raw = text_view_get_text (self->quote_view);
  text = clean_text (raw);
  if (g_strcmp0 (text, kts_move_get_quote (move)) != 0)
    kts_project_set_string (self->project, move, "quote", text);
}

static char *
shorten (const char *text, glong max)
{
  g_autofree char *flat = g_strdup (text != NULL ? text : "");

  g_strdelimit (flat, "\n\r\t", ' ');
  if (g_utf8_strlen (flat, -1) <= max)
    return g_steal_pointer (&flat);
  {
    g_autofree char *cut = g_utf8_substring (flat, 0, max - 1);
    return g_strconcat (cut, "…", NULL);
  }
}

static void
refresh_quote (KtsMoveInspector *self, KtsMove *move)
{
  GPtrArray *anchors = kts_move_get_anchors (move);
  g_autoptr (GtkStringList) items = gtk_string_list_new (NULL);
  const char *quote = kts_move_get_quote (move);
  guint       selected = 0;

  gtk_string_list_append (items, anchors->len > 0 ? _ ("The first anchor’s text")
                                                  : _ ("None (no anchors yet)"));
  for (guint i = 0; i < anchors->len; i++)
    {
      g_autofree char *text = kts_coding_dup_text (g_ptr_array_index (anchors, i));
      g_autofree char *item = shorten (text, 48);
      g_autofree char *quoted = g_strdup_printf ("“%s”", item);

      gtk_string_list_append (items, quoted);
      if (quote != NULL && selected == 0 && g_str_equal (text, quote))
        selected = i + 1;
    }
  gtk_string_list_append (items, _ ("A quote of my own…"));
  if (quote != NULL && selected == 0)
    selected = anchors->len + 1;

  combo_set_items (self->quote_row, items);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->quote_row), selected);
  gtk_widget_set_visible (self->quote_frame, selected == anchors->len + 1);
  if (selected == anchors->len + 1 && !gtk_widget_has_focus (self->quote_view))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->quote_view)), quote,
                              -1);
}

/* ---- the anchors ---------------------------------------------------------------------- */

static void
anchor_remove_cb (GtkButton *button, KtsMoveInspector *self)
{
  KtsMove   *move = single_move (self);
  KtsCoding *coding = g_object_get_data (G_OBJECT (button), "kts-coding");
  g_autoptr (GPtrArray) rest = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *anchors;

  if (move == NULL || !item_alive (self, move))
    return;
  anchors = kts_move_get_anchors (move);
  rest = g_ptr_array_new ();
  for (guint i = 0; i < anchors->len; i++)
    if (g_ptr_array_index (anchors, i) != coding)
      g_ptr_array_add (rest, g_ptr_array_index (anchors, i));
  if (!kts_project_set_move_anchors (self->project, move, (KtsCoding **)rest->pdata, rest->len,
                                     &error))
    g_warning ("%s", error->message);
}

static void
anchor_activated_cb (AdwActionRow *row, KtsMoveInspector *self)
{
  KtsCoding *coding = g_object_get_data (G_OBJECT (row), "kts-coding");

  if (coding != NULL)
    g_signal_emit (self, signals[CODING_ACTIVATED], 0, coding);
}

static char *
anchor_subtitle (KtsCoding *coding)
{
  KtsDocument     *document = kts_coding_get_document (coding);
  g_autofree char *text = kts_coding_dup_text (coding);
  g_autofree char *short_text = shorten (text, 90);
  int              turn = kts_document_find_turn (document, kts_coding_get_start (coding));

  if (turn >= 0)
    /* Translators: an anchor: "“I suppose.” · Session 7, turn 24" */
    return g_strdup_printf (_ ("“%s” · %s, turn %d"), short_text, kts_document_get_title (document),
                            turn + 1);
  return g_strdup_printf (_ ("“%s” · %s"), short_text, kts_document_get_title (document));
}

static void
refresh_anchors (KtsMoveInspector *self, KtsMove *move)
{
  GPtrArray *anchors = kts_move_get_anchors (move);

  for (guint i = 0; i < self->anchor_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->anchors_group),
                                  g_ptr_array_index (self->anchor_rows, i));
  g_ptr_array_set_size (self->anchor_rows, 0);

  for (guint i = 0; i < anchors->len; i++)
    {
      KtsCoding       *coding = g_ptr_array_index (anchors, i);
      KtsCode         *code = kts_coding_get_code (coding);
      GtkWidget       *row = adw_action_row_new ();
      GtkWidget       *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *subtitle = anchor_subtitle (coding);
      g_autofree char *title = NULL;
      g_autofree char *tip = NULL;

      title = kts_code_get_key (code) != NULL
                  ? g_strdup_printf ("%s · %s", kts_code_get_name (code), kts_code_get_key (code))
                  : g_strdup (kts_code_get_name (code));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 kts_color_swatch_new (kts_code_get_color (code)));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _ ("Show in the transcript"));
      g_object_set_data_full (G_OBJECT (row), "kts-coding", g_object_ref (coding), g_object_unref);
      g_signal_connect (row, "activated", G_CALLBACK (anchor_activated_cb), self);

      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      tip = g_strdup_printf (_ ("Remove the anchor “%s”"), kts_code_get_name (code));
      gtk_widget_set_tooltip_text (remove, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tip,
                                      -1);
      g_object_set_data_full (G_OBJECT (remove), "kts-coding", g_object_ref (coding),
                              g_object_unref);
      g_signal_connect (remove, "clicked", G_CALLBACK (anchor_remove_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->anchors_group), row);
      g_ptr_array_add (self->anchor_rows, row);
    }
  adw_preferences_group_set_description (
      ADW_PREFERENCES_GROUP (self->anchors_group),
      anchors->len == 0
          ? _ ("No evidence yet: select a passage in the transcript and add its codings.")
          : _ ("The transcript passages this card rests on. Activate one to show it."));
}

/* ---- themes and the case choice ---------------------------------------------------------- */

static void
theme_toggled_cb (GtkToggleButton *button, KtsMoveInspector *self)
{
  g_autoptr (GString) themes = g_string_new (NULL);

  if (self->updating || !item_alive (self, self->episode))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (theme_ids); i++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->theme_buttons[i])))
      {
        if (themes->len > 0)
          g_string_append_c (themes, ' ');
        g_string_append (themes, theme_ids[i]);
      }
  /* Ids the buttons do not know (a typed "3a") are kept. */
  {
    g_auto (GStrv) old = g_strsplit (kts_episode_get_themes (self->episode) != NULL
                                         ? kts_episode_get_themes (self->episode)
                                         : "",
                                     " ", -1);
    for (guint i = 0; old[i] != NULL; i++)
      if (*old[i] != '\0' && !g_strv_contains (theme_ids, old[i]))
        g_string_append_printf (themes, "%s%s", themes->len > 0 ? " " : "", old[i]);
  }
  if (g_strcmp0 (themes->str, kts_episode_get_themes (self->episode) != NULL
                                  ? kts_episode_get_themes (self->episode)
                                  : "")
      != 0)
    kts_project_set_string (self->project, self->episode, "themes", themes->str);
}

static gboolean
new_case_idle_cb (gpointer data)
{
  KtsMoveInspector *self = data;

  if (item_alive (self, self->episode))
    {
      kts_project_begin_group (self->project, _ ("New case"));
      create_case (self);
      kts_project_end_group (self->project);
    }
  return G_SOURCE_REMOVE;
}

static void
case_selected_cb (AdwComboRow *row, GParamSpec *pspec, KtsMoveInspector *self)
{
  guint    i = adw_combo_row_get_selected (row);
  KtsCase *chosen = NULL;

  if (self->updating || !item_alive (self, self->episode))
    return;
  if (i == 0)
    chosen = NULL;
  else if (i <= self->cases_shown->len)
    chosen = g_ptr_array_index (self->cases_shown, i - 1);
  else
    {
      /* After the row is done with the choice: the new case changes its items. */
      g_idle_add_full (G_PRIORITY_HIGH_IDLE, new_case_idle_cb, g_object_ref (self), g_object_unref);
      return;
    }
  if (chosen != kts_episode_get_case (self->episode))
    kts_project_set_object (self->project, self->episode, "case", chosen);
}

static void
refresh_case_row (KtsMoveInspector *self)
{
  GListModel *cases = kts_project_get_cases (self->project);
  g_autoptr (GtkStringList) items = gtk_string_list_new (NULL);
  KtsCase *current = kts_episode_get_case (self->episode);
  guint    selected = 0;

  g_ptr_array_set_size (self->cases_shown, 0);
  gtk_string_list_append (items, _ ("None (a vignette)"));
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr (KtsCase) kase = g_list_model_get_item (cases, i);
      g_autofree char *item = NULL;

      if (kts_case_get_therapist_pseudonym (kase) != NULL
          || kts_case_get_client_pseudonym (kase) != NULL)
        /* Translators: a case: "Case J: Dr. Mira Holm – Jonas" */
        item = g_strdup_printf (_ ("Case %s: %s – %s"),
                                kts_case_get_label (kase) != NULL ? kts_case_get_label (kase) : "",
                                kts_case_get_therapist_pseudonym (kase) != NULL
                                    ? kts_case_get_therapist_pseudonym (kase)
                                    : "T",
                                kts_case_get_client_pseudonym (kase) != NULL
                                    ? kts_case_get_client_pseudonym (kase)
                                    : "C");
      else
        item = g_strdup_printf (_ ("Case %s"),
                                kts_case_get_label (kase) != NULL ? kts_case_get_label (kase) : "");
      gtk_string_list_append (items, item);
      g_ptr_array_add (self->cases_shown, g_object_ref (kase));
      if (kase == current)
        selected = i + 1;
    }
  gtk_string_list_append (items, _ ("New Case"));
  combo_set_items (self->case_row, items);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->case_row), selected);
}

/* ---- edges ----------------------------------------------------------------------------------- */

static void
end_activated_cb (AdwActionRow *row, KtsMoveInspector *self)
{
  KtsMove *move = NULL;

  if (!item_alive (self, self->edge))
    return;
  move = row == ADW_ACTION_ROW (self->source_row) ? kts_edge_get_source (self->edge)
                                                  : kts_edge_get_target (self->edge);
  g_signal_emit (self, signals[MOVE_ACTIVATED], 0, move);
}

static char *
move_title (KtsMove *move)
{
  /* Translators: a card: "m4 · Presses a role-play after his “maybe”" */
  return g_strdup_printf (_ ("%s · %s"),
                          kts_move_get_ident (move) != NULL ? kts_move_get_ident (move) : "–",
                          kts_move_get_label (move) != NULL ? kts_move_get_label (move) : "");
}

/* ---- refreshing ----------------------------------------------------------------------------- */

static GObject *
field_object (KtsMoveInspector *self, Field *field)
{
  switch (field->target)
    {
    case TARGET_MOVE:
      return self->moves->len > 0 ? g_ptr_array_index (self->moves, 0) : NULL;
    case TARGET_EDGE:
      return (GObject *)self->edge;
    case TARGET_EPISODE:
      return (GObject *)self->episode;
    case TARGET_CASE:
    default:
      return self->episode != NULL ? (GObject *)kts_episode_get_case (self->episode) : NULL;
    }
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkRoot   *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
refresh_field (KtsMoveInspector *self, Field *field)
{
  GObject    *object = field_object (self, field);
  GParamSpec *pspec;
  g_auto (GValue) value = G_VALUE_INIT;

  if (field->target == TARGET_MOVE)
    gtk_widget_set_visible (field->row, !field->single || self->moves->len == 1);

  if (object == NULL)
    {
      /* An episode without a case: its case fields stand empty. */
      if (field->kind == KIND_ENTRY)
        gtk_editable_set_text (GTK_EDITABLE (field->editor), "");
      else if (field->kind == KIND_SPIN)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->editor), 0);
      else if (field->kind == KIND_TEXT)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->editor)), "", -1);
      return;
    }

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), field->property);
  g_return_if_fail (pspec != NULL);
  g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_object_get_property (object, field->property, &value);

  switch (field->kind)
    {
    case KIND_ENTRY:
      {
        const char *text = g_value_get_string (&value);

        /* Not under the user's typing. */
        if (!has_focus_within (field->row))
          gtk_editable_set_text (GTK_EDITABLE (field->editor), text != NULL ? text : "");
      }
      break;
    case KIND_TEXT:
      if (!has_focus_within (field->editor))
        {
          const char *text = g_value_get_string (&value);
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->editor)),
                                    text != NULL ? text : "", -1);
        }
      break;
    case KIND_COMBO:
      adw_combo_row_set_selected (ADW_COMBO_ROW (field->editor),
                                  choice_index (field, G_VALUE_HOLDS_ENUM (&value)
                                                           ? g_value_get_enum (&value)
                                                           : g_value_get_int (&value)));
      break;
    case KIND_SPIN:
    default:
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->editor), g_value_get_int (&value));
      break;
    }
}

static Field *
find_field (KtsMoveInspector *self, Target target, const char *property)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      if (field->target == target && g_str_equal (field->property, property))
        return field;
    }
  return NULL;
}

static void
refresh_selection (KtsMoveInspector *self)
{
  KtsMove *move = single_move (self);

  /* What was deleted (or undone) leaves the selection. */
  for (guint i = 0; i < self->moves->len;)
    if (!item_alive (self, g_ptr_array_index (self->moves, i)))
      g_ptr_array_remove_index (self->moves, i);
    else
      i++;
  if (self->edge != NULL && !item_alive (self, self->edge))
    g_clear_object (&self->edge);
  move = single_move (self);

  if (self->moves->len > 0)
    {
      Field           *third = self->third_field;
      g_autofree char *heading = NULL;

      for (guint i = 0; i < self->fields->len; i++)
        {
          Field *field = g_ptr_array_index (self->fields, i);
          if (field->target == TARGET_MOVE)
            refresh_field (self, field);
        }
      gtk_widget_set_visible (third->row, kts_move_get_actor (g_ptr_array_index (self->moves, 0))
                                              == KTS_ACTOR_THIRD);
      gtk_widget_set_visible (self->quote_group, move != NULL);
      gtk_widget_set_visible (self->anchors_group, move != NULL);
      gtk_widget_set_visible (self->memo_group, move != NULL);
      if (move != NULL)
        {
          refresh_quote (self, move);
          refresh_anchors (self, move);
          heading = move_title (move);
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->move_heading), heading);
          adw_preferences_group_set_description (
              ADW_PREFERENCES_GROUP (self->move_heading),
              kts_move_get_interpretation (move) == KTS_INTERPRETATION_ANALYST
                  ? _ ("An analyst’s inference: drawn with a dashed border.")
                  : NULL);
          label_changed_cb (GTK_EDITABLE (self->label_field->editor), self);
        }
      else
        {
          heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card selected",
                                                  "%u cards selected", self->moves->len),
                                     self->moves->len);
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->move_heading), heading);
          adw_preferences_group_set_description (
              ADW_PREFERENCES_GROUP (self->move_heading),
              _ ("A choice made here applies to every selected card. With two selected, "
                 "Connect joins them."));
        }
      gtk_stack_set_visible_child (GTK_STACK (self->selection_stack), self->move_page);
    }
  else if (self->edge != NULL)
    {
      g_autofree char *from = move_title (kts_edge_get_source (self->edge));
      g_autofree char *to = move_title (kts_edge_get_target (self->edge));

      for (guint i = 0; i < self->fields->len; i++)
        {
          Field *field = g_ptr_array_index (self->fields, i);
          if (field->target == TARGET_EDGE)
            refresh_field (self, field);
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->source_row), from);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->target_row), to);
      gtk_widget_set_visible (self->count_field->row,
                              kts_edge_get_edge_type (self->edge) == KTS_EDGE_ESCALATES);
      gtk_stack_set_visible_child (GTK_STACK (self->selection_stack), self->edge_page);
    }
  else
    gtk_stack_set_visible_child (GTK_STACK (self->selection_stack), self->none_page);
}

static void
refresh_episode (KtsMoveInspector *self)
{
  KtsDocument *document;
  g_auto (GStrv) themes = NULL;

  if (self->episode == NULL || !item_alive (self, self->episode))
    return;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      if (field->target == TARGET_EPISODE || field->target == TARGET_CASE)
        refresh_field (self, field);
    }
  refresh_case_row (self);

  document = kts_episode_get_document (self->episode);
  if (document != NULL)
    {
      int first = kts_document_find_turn (document, kts_episode_get_start (self->episode));
      int last = kts_episode_get_end (self->episode) > 0
                     ? kts_document_find_turn (document, kts_episode_get_end (self->episode) - 1)
                     : -1;
      g_autofree char *subtitle = NULL;

      if (first >= 0 && last >= first)
        /* Translators: "Session 7, turns 10–158" */
        subtitle = g_strdup_printf (_ ("%s, turns %d–%d"), kts_document_get_title (document),
                                    first + 1, last + 1);
      else
        subtitle = g_strdup (kts_document_get_title (document));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->transcript_row), subtitle);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->transcript_row),
                                 _ ("Not linked to a transcript"));

  themes = g_strsplit (
      kts_episode_get_themes (self->episode) != NULL ? kts_episode_get_themes (self->episode) : "",
      " ", -1);
  for (guint i = 0; i < G_N_ELEMENTS (theme_ids); i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->theme_buttons[i]),
                                  g_strv_contains ((const char *const *)themes, theme_ids[i]));
}

/* Bracketing (brief B.3.1, step 3): while the project's theory layers are
 * locked, the dimension of a move, the themes and the pattern formula are
 * theory the analyst does not see yet. */
static void
refresh_theory (KtsMoveInspector *self)
{
  gboolean locked = self->project != NULL && kts_project_get_theory_locked (self->project);

  gtk_widget_set_visible (self->dimension_field->row, !locked);
  gtk_widget_set_visible (self->themes_group, !locked);
  gtk_widget_set_visible (self->formula_group, !locked);
}

static void
refresh (KtsMoveInspector *self)
{
  self->updating = TRUE;
  refresh_selection (self);
  refresh_episode (self);
  refresh_theory (self);
  self->updating = FALSE;
}

static void
project_changed_cb (KtsMoveInspector *self)
{
  refresh (self);
}

/* ---- building the pages ------------------------------------------------------------------ */

static GtkWidget *
new_page (void)
{
  GtkWidget *page = adw_preferences_page_new ();

  return page;
}

static void
build_move_page (KtsMoveInspector *self)
{
  GtkWidget *page = self->move_page = new_page ();
  GtkWidget *group;
  GtkWidget *add;
  Field     *label;
  Field     *field;

  self->move_heading = group = add_group (page, NULL, NULL);
  self->label_field = label
      = add_field (self, group, TARGET_MOVE, KIND_ENTRY, "label", N_ ("Label"), NULL, 0);
  label->single = TRUE;
  self->label_counter = gtk_label_new ("0/60");
  gtk_widget_add_css_class (self->label_counter, "dim-label");
  gtk_widget_add_css_class (self->label_counter, "caption");
  gtk_widget_add_css_class (self->label_counter, "numeric");
  gtk_widget_set_tooltip_text (self->label_counter,
                               _ ("A label of at most 60 characters prints on a poster"));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (label->row), self->label_counter);
  g_signal_connect (label->row, "changed", G_CALLBACK (label_changed_cb), self);
  field = add_field (self, group, TARGET_MOVE, KIND_ENTRY, "ident", N_ ("Id"), NULL, 0);
  field->single = TRUE;
  add_field (self, group, TARGET_MOVE, KIND_COMBO, "actor", N_ ("Actor"), actor_choices,
             G_N_ELEMENTS (actor_choices));
  self->third_field = add_field (self, group, TARGET_MOVE, KIND_ENTRY, "third-role",
                                 N_ ("Third person’s role"), NULL, 0);
  self->dimension_field
      = add_field (self, group, TARGET_MOVE, KIND_COMBO, "dimension", N_ ("Dimension"),
                   dimension_choices, G_N_ELEMENTS (dimension_choices));
  add_field (self, group, TARGET_MOVE, KIND_COMBO, "phase", N_ ("Phase"), phase_choices,
             G_N_ELEMENTS (phase_choices));
  add_field (self, group, TARGET_MOVE, KIND_COMBO, "role", N_ ("Role in the episode"), role_choices,
             G_N_ELEMENTS (role_choices));

  group = add_group (page, _ ("When and Where"), NULL);
  add_field (self, group, TARGET_MOVE, KIND_ENTRY, "session-ref", N_ ("Session"), NULL, 0);
  add_field (self, group, TARGET_MOVE, KIND_COMBO, "time-certainty", N_ ("Timing"), time_choices,
             G_N_ELEMENTS (time_choices));
  add_field (self, group, TARGET_MOVE, KIND_COMBO, "location", N_ ("Location"), location_choices,
             G_N_ELEMENTS (location_choices));
  add_field (self, group, TARGET_MOVE, KIND_COMBO, "channel", N_ ("Channel"), channel_choices,
             G_N_ELEMENTS (channel_choices));

  group = add_group (page, _ ("Reading"), NULL);
  add_field (self, group, TARGET_MOVE, KIND_COMBO, "interpretation", N_ ("Interpretation"),
             interpretation_choices, G_N_ELEMENTS (interpretation_choices));
  add_field (self, group, TARGET_MOVE, KIND_COMBO, "explicitness", N_ ("Explicitness"),
             explicitness_choices, G_N_ELEMENTS (explicitness_choices));
  add_field (self, group, TARGET_MOVE, KIND_COMBO, "awareness", N_ ("Awareness"), awareness_choices,
             G_N_ELEMENTS (awareness_choices));
  /* Brief B.13: some quotes belong to a case only probably (d, e). */
  field = add_field (self, group, TARGET_MOVE, KIND_ENTRY, "attribution-doubt",
                     N_ ("Case attribution uncertain because"), NULL, 0);
  gtk_widget_set_tooltip_text (field->row,
                               _ ("Leave empty when the move surely belongs to this case; "
                                  "otherwise say why it may not. The card shows a “?” badge."));

  /* The quote: one of the anchors' texts, or one's own. */
  self->quote_group = group
      = add_group (page, _ ("Quote"), _ ("The verbatim excerpt printed on the card"));
  self->quote_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quote_row), _ ("Primary quote"));
  g_signal_connect (self->quote_row, "notify::selected", G_CALLBACK (quote_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->quote_row);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    self->quote_frame = gtk_frame_new (NULL);
    gtk_widget_add_css_class (self->quote_frame, "view");
    gtk_widget_set_margin_top (self->quote_frame, 6);
    self->quote_view = gtk_text_view_new ();
    gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->quote_view), GTK_WRAP_WORD_CHAR);
    gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->quote_view), 8);
    gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->quote_view), 8);
    gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->quote_view), 8);
    gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->quote_view), 8);
    gtk_widget_set_size_request (self->quote_view, -1, 60);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->quote_view),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Quote of my own"), -1);
    gtk_frame_set_child (GTK_FRAME (self->quote_frame), self->quote_view);
    g_signal_connect (focus, "leave", G_CALLBACK (quote_focus_leave_cb), self);
    gtk_widget_add_controller (self->quote_view, focus);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->quote_frame);
  }

  self->anchors_group = group = add_group (page, _ ("Anchors"), NULL);
  add = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "mapview.add-selected-codings");
  gtk_widget_set_tooltip_text (add, _ ("Add the Codings of the Selected Transcript Passage"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Add the Codings of the Selected Transcript Passage"), -1);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);

  self->memo_group = group = add_group (page, NULL, NULL);
  field = add_field (self, group, TARGET_MOVE, KIND_TEXT, "memo", N_ ("Memo"), NULL, 0);
  field->single = TRUE;
}

static void
build_edge_page (KtsMoveInspector *self)
{
  GtkWidget *page = self->edge_page = new_page ();
  GtkWidget *group;
  Field     *count;

  self->edge_group = group = add_group (page, _ ("Arrow"), NULL);
  add_field (self, group, TARGET_EDGE, KIND_COMBO, "edge-type", N_ ("Type"), edge_choices,
             G_N_ELEMENTS (edge_choices));
  self->count_field = count = add_field (self, group, TARGET_EDGE, KIND_SPIN, "count",
                                         N_ ("Times repeated (×n)"), NULL, 0);
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (count->editor), 0, 99);
  add_field (self, group, TARGET_EDGE, KIND_ENTRY, "label", N_ ("Label"), NULL, 0);

  group = add_group (page, _ ("Joins"), NULL);
  self->source_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->source_row), _ ("From"));
  self->target_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->target_row), _ ("To"));
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *row = i == 0 ? self->source_row : self->target_row;

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _ ("Select this card"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_signal_connect (row, "activated", G_CALLBACK (end_activated_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
build_episode_page (KtsMoveInspector *self)
{
  GtkWidget *page = self->episode_page = new_page ();
  GtkWidget *group;
  GtkWidget *themes_box;
  GtkWidget *themes_row;

  group = add_group (page, _ ("Episode"), NULL);
  add_field (self, group, TARGET_EPISODE, KIND_ENTRY, "name", N_ ("Name"), NULL, 0);
  self->transcript_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->transcript_row), _ ("Transcript"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->transcript_row);
  add_field (self, group, TARGET_EPISODE, KIND_COMBO, "status", N_ ("Status"), status_choices,
             G_N_ELEMENTS (status_choices));

  group = add_group (page, _ ("Case"), _ ("The dyad, by pseudonyms only"));
  self->case_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->case_row), _ ("Case"));
  g_signal_connect (self->case_row, "notify::selected", G_CALLBACK (case_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->case_row);
  add_field (self, group, TARGET_CASE, KIND_ENTRY, "label", N_ ("Case id"), NULL, 0);
  add_field (self, group, TARGET_CASE, KIND_ENTRY, "therapist-pseudonym",
             N_ ("Therapist (pseudonym)"), NULL, 0);
  add_field (self, group, TARGET_CASE, KIND_SPIN, "therapist-age", N_ ("Therapist’s age"), NULL, 0);
  add_field (self, group, TARGET_CASE, KIND_ENTRY, "therapist-gender", N_ ("Therapist’s gender"),
             NULL, 0);
  add_field (self, group, TARGET_CASE, KIND_ENTRY, "client-pseudonym", N_ ("Client (pseudonym)"),
             NULL, 0);
  add_field (self, group, TARGET_CASE, KIND_SPIN, "client-age", N_ ("Client’s age"), NULL, 0);
  add_field (self, group, TARGET_CASE, KIND_ENTRY, "client-gender", N_ ("Client’s gender"), NULL,
             0);
  add_field (self, group, TARGET_CASE, KIND_ENTRY, "orientation", N_ ("Orientation"), NULL, 0);
  add_field (self, group, TARGET_CASE, KIND_ENTRY, "setting", N_ ("Setting"), NULL, 0);
  add_field (self, group, TARGET_CASE, KIND_ENTRY, "treatment-length", N_ ("Treatment length"),
             NULL, 0);

  group = add_group (page, _ ("Rupture and Repair"), NULL);
  add_field (self, group, TARGET_EPISODE, KIND_ENTRY, "rupture-types",
             N_ ("Rupture types (W, C, W>C)"), NULL, 0);
  add_field (self, group, TARGET_EPISODE, KIND_COMBO, "initiator", N_ ("Initiator"),
             initiator_choices, G_N_ELEMENTS (initiator_choices));
  add_field (self, group, TARGET_EPISODE, KIND_ENTRY, "temporal-pattern", N_ ("Temporal pattern"),
             NULL, 0);
  add_field (self, group, TARGET_EPISODE, KIND_ENTRY, "course", N_ ("Course"), NULL, 0);
  add_field (self, group, TARGET_EPISODE, KIND_ENTRY, "intensity", N_ ("Intensity"), NULL, 0);
  add_field (self, group, TARGET_EPISODE, KIND_ENTRY, "alliance-component",
             N_ ("Alliance component"), NULL, 0);
  add_field (self, group, TARGET_EPISODE, KIND_ENTRY, "repair-mode", N_ ("Repair mode"), NULL, 0);
  add_field (self, group, TARGET_EPISODE, KIND_ENTRY, "detected-by", N_ ("Detected by"), NULL, 0);
  add_field (self, group, TARGET_EPISODE, KIND_COMBO, "resolution", N_ ("Resolution"),
             resolution_choices, G_N_ELEMENTS (resolution_choices));

  self->themes_group = group
      = add_group (page, _ ("Themes"), _ ("The themes of the episode (S000 1a–2e)"));
  themes_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  themes_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (themes_box, "linked");
  gtk_widget_set_halign (themes_box, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (themes_row), themes_box);
  for (guint i = 0; i < G_N_ELEMENTS (theme_ids); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (theme_ids[i]);

      gtk_widget_set_tooltip_text (button, _ (theme_tips[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ (theme_tips[i]), -1);
      g_signal_connect (button, "toggled", G_CALLBACK (theme_toggled_cb), self);
      gtk_box_append (GTK_BOX (themes_box), button);
      self->theme_buttons[i] = button;
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), themes_row);
  self->formula_group = group = add_group (page, NULL, NULL);
  add_field (self, group, TARGET_EPISODE, KIND_TEXT, "pattern-formula", N_ ("Pattern formula"),
             NULL, 0);
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
disconnect_project (KtsMoveInspector *self)
{
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
}

static void
kts_move_inspector_dispose (GObject *object)
{
  KtsMoveInspector *self = KTS_MOVE_INSPECTOR (object);

  disconnect_project (self);
  g_clear_object (&self->project);
  g_clear_object (&self->episode);
  g_clear_object (&self->edge);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (kts_move_inspector_parent_class)->dispose (object);
}

static void
kts_move_inspector_finalize (GObject *object)
{
  KtsMoveInspector *self = KTS_MOVE_INSPECTOR (object);

  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->moves);
  g_ptr_array_unref (self->anchor_rows);
  g_ptr_array_unref (self->cases_shown);
  G_OBJECT_CLASS (kts_move_inspector_parent_class)->finalize (object);
}

static void
kts_move_inspector_class_init (KtsMoveInspectorClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_move_inspector_dispose;
  object_class->finalize = kts_move_inspector_finalize;

  signals[CODING_ACTIVATED]
      = g_signal_new ("coding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, KTS_TYPE_CODING);
  signals[MOVE_ACTIVATED]
      = g_signal_new ("move-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, KTS_TYPE_MOVE);

  /* Fields look their properties up on the classes, objects or not. */
  g_type_class_ref (KTS_TYPE_CASE);
  g_type_class_ref (KTS_TYPE_EDGE);
  g_type_class_ref (KTS_TYPE_EPISODE);
  g_type_class_ref (KTS_TYPE_MOVE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kts-move-inspector");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kts_move_inspector_init (KtsMoveInspector *self)
{
  GtkWidget *none;

  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->moves = g_ptr_array_new_with_free_func (g_object_unref);
  self->anchor_rows = g_ptr_array_new ();
  self->cases_shown = g_ptr_array_new_with_free_func (g_object_unref);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_vexpand (self->stack, TRUE);
  self->switcher = gtk_stack_switcher_new ();
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (self->switcher), GTK_STACK (self->stack));
  gtk_widget_set_halign (self->switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->switcher, 8);
  gtk_widget_set_margin_bottom (self->switcher, 2);
  gtk_box_append (GTK_BOX (self->box), self->switcher);
  gtk_box_append (GTK_BOX (self->box), self->stack);

  build_move_page (self);
  build_edge_page (self);
  build_episode_page (self);

  {
    GtkWidget *icon = gtk_image_new_from_icon_name ("input-mouse-symbolic");
    GtkWidget *title = gtk_label_new (_ ("No Card Selected"));
    GtkWidget *text = gtk_label_new (
        _ ("Click a card or an arrow to edit it. Shift+click a second card, then Connect to "
           "join the two. The Episode tab holds the case and the episode’s attributes."));

    none = self->none_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
    gtk_widget_set_valign (none, GTK_ALIGN_CENTER);
    gtk_widget_set_margin_start (none, 24);
    gtk_widget_set_margin_end (none, 24);
    gtk_image_set_pixel_size (GTK_IMAGE (icon), 64);
    gtk_widget_add_css_class (icon, "dim-label");
    gtk_widget_add_css_class (title, "title-3");
    gtk_label_set_wrap (GTK_LABEL (text), TRUE);
    gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
    gtk_label_set_max_width_chars (GTK_LABEL (text), 34);
    gtk_widget_add_css_class (text, "dim-label");
    gtk_box_append (GTK_BOX (none), icon);
    gtk_box_append (GTK_BOX (none), title);
    gtk_box_append (GTK_BOX (none), text);
  }

  self->selection_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->selection_stack), none, "none");
  gtk_stack_add_named (GTK_STACK (self->selection_stack), self->move_page, "move");
  gtk_stack_add_named (GTK_STACK (self->selection_stack), self->edge_page, "edge");
  gtk_stack_add_titled (GTK_STACK (self->stack), self->selection_stack, "selection",
                        _ ("Selection"));
  gtk_stack_add_titled (GTK_STACK (self->stack), self->episode_page, "episode", _ ("Episode"));
}

GtkWidget *
kts_move_inspector_new (void)
{
  return g_object_new (KTS_TYPE_MOVE_INSPECTOR, NULL);
}

void
kts_move_inspector_set_episode (KtsMoveInspector *self, KtsProject *project, KtsEpisode *episode)
{
  g_return_if_fail (KTS_IS_MOVE_INSPECTOR (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));
  g_return_if_fail (episode == NULL || KTS_IS_EPISODE (episode));

  if (self->project != project)
    {
      disconnect_project (self);
      g_set_object (&self->project, project);
      if (project != NULL)
        self->changed_id
            = g_signal_connect_swapped (project, "changed", G_CALLBACK (project_changed_cb), self);
    }
  if (self->episode != episode)
    {
      g_set_object (&self->episode, episode);
      g_ptr_array_set_size (self->moves, 0);
      g_clear_object (&self->edge);
    }
  refresh (self);
}

KtsEpisode *
kts_move_inspector_get_episode (KtsMoveInspector *self)
{
  g_return_val_if_fail (KTS_IS_MOVE_INSPECTOR (self), NULL);
  return self->episode;
}

void
kts_move_inspector_set_selection (KtsMoveInspector *self, GPtrArray *moves, KtsEdge *edge)
{
  g_return_if_fail (KTS_IS_MOVE_INSPECTOR (self));
  g_return_if_fail (edge == NULL || KTS_IS_EDGE (edge));

  /* Text being edited for the old selection is kept first. */
  {
    GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

    if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
      {
        for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self);
             w = gtk_widget_get_parent (w))
          if (widget_get_field (w) != NULL)
            {
              commit_field (self, widget_get_field (w));
              break;
            }
        if (focus == self->quote_view || gtk_widget_is_ancestor (focus, self->quote_view))
          quote_focus_leave_cb (NULL, self);
      }
  }

  g_ptr_array_set_size (self->moves, 0);
  for (guint i = 0; moves != NULL && i < moves->len; i++)
    g_ptr_array_add (self->moves, g_object_ref (g_ptr_array_index (moves, i)));
  if (self->moves->len == 0)
    g_set_object (&self->edge, edge);
  else
    g_clear_object (&self->edge);
  refresh (self);
  if (self->moves->len > 0 || self->edge != NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "selection");
}

void
kts_move_inspector_set_page (KtsMoveInspector *self, const char *page)
{
  g_return_if_fail (KTS_IS_MOVE_INSPECTOR (self));
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), page);
}

const char *
kts_move_inspector_get_page (KtsMoveInspector *self)
{
  g_return_val_if_fail (KTS_IS_MOVE_INSPECTOR (self), NULL);
  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}

GtkWidget *
kts_move_inspector_get_field (KtsMoveInspector *self, const char *property)
{
  g_return_val_if_fail (KTS_IS_MOVE_INSPECTOR (self), NULL);
  g_return_val_if_fail (property != NULL, NULL);

  if (g_str_equal (property, "quote"))
    return self->quote_row;
  if (g_str_equal (property, "case"))
    return self->case_row;
  if (g_str_has_prefix (property, "case:"))
    {
      Field *field = find_field (self, TARGET_CASE, property + strlen ("case:"));
      return field != NULL ? field->editor : NULL;
    }
  {
    /* The shown selection's field first: an edge's label when an edge is selected. */
    Target preferred = self->moves->len == 0 && self->edge != NULL ? TARGET_EDGE : TARGET_MOVE;
    Field *field = find_field (self, preferred, property);

    if (field == NULL)
      field = find_field (self, TARGET_EPISODE, property);
    if (field == NULL)
      field = find_field (self, preferred == TARGET_EDGE ? TARGET_MOVE : TARGET_EDGE, property);
    return field != NULL ? field->editor : NULL;
  }
}
