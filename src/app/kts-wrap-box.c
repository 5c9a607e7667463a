/* kts-wrap-box.c: a container that lays its children out in lines, wrapping like words.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-wrap-box"

#include "config.h"

#include "kts-wrap-box.h"

struct _KtsWrapBox
{
  GtkWidget parent_instance;
  int       spacing;
};

G_DEFINE_FINAL_TYPE (KtsWrapBox, kts_wrap_box, GTK_TYPE_WIDGET)

/* Places the children line by line in @width, allocating them when
 * @allocate; returns the height used. */
static int
layout (KtsWrapBox *self, int width, gboolean allocate)
{
  int x = 0, y = 0, line_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min_w, nat_w, min_h, nat_h, w;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
      w = width > 0 ? MAX (min_w, MIN (nat_w, width)) : nat_w;
      if (x > 0 && x + w > width)
        {
          y += line_height + self->spacing;
          x = 0;
          line_height = 0;
        }
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, w, &min_h, &nat_h, NULL, NULL);
      if (allocate)
        gtk_widget_size_allocate (child, &(GtkAllocation){ x, y, w, nat_h }, -1);
      line_height = MAX (line_height, nat_h);
      x += w + self->spacing;
    }
  return y + line_height;
}

static void
kts_wrap_box_measure (GtkWidget     *widget,
                      GtkOrientation orientation,
                      int            for_size,
                      int           *minimum,
                      int           *natural,
                      int           *minimum_baseline,
                      int           *natural_baseline)
{
  KtsWrapBox *self = KTS_WRAP_BOX (widget);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gboolean first = TRUE;

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min_w, nat_w;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
          *minimum = MAX (*minimum, min_w);
          *natural += nat_w + (first ? 0 : self->spacing);
          first = FALSE;
        }
    }
  else
    {
      int width = for_size;
      int ignored;

      if (width < 0)
        kts_wrap_box_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &ignored, &width, NULL, NULL);
      *minimum = *natural = layout (self, width, FALSE);
    }
}

static void
kts_wrap_box_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  layout (KTS_WRAP_BOX (widget), width, TRUE);
}

static GtkSizeRequestMode
kts_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kts_wrap_box_dispose (GObject *object)
{
  kts_wrap_box_remove_all (KTS_WRAP_BOX (object));
  G_OBJECT_CLASS (kts_wrap_box_parent_class)->dispose (object);
}

static void
kts_wrap_box_class_init (KtsWrapBoxClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_wrap_box_dispose;
  widget_class->measure = kts_wrap_box_measure;
  widget_class->size_allocate = kts_wrap_box_size_allocate;
  widget_class->get_request_mode = kts_wrap_box_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "wrapbox");
}

static void
kts_wrap_box_init (KtsWrapBox *self)
{
  self->spacing = 6;
}

GtkWidget *
kts_wrap_box_new (int spacing)
{
  KtsWrapBox *self = g_object_new (KTS_TYPE_WRAP_BOX, NULL);

  self->spacing = MAX (spacing, 0);
  return GTK_WIDGET (self);
}

void
kts_wrap_box_append (KtsWrapBox *self, GtkWidget *child)
{
  g_return_if_fail (KTS_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

void
kts_wrap_box_remove_all (KtsWrapBox *self)
{
  GtkWidget *child;

  g_return_if_fail (KTS_IS_WRAP_BOX (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}
