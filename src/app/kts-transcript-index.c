/* kts-transcript-index.c: interval index and stripe columns over codings.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-transcript"

#include "config.h"

#include "kts-transcript-index.h"

/* Entries are grouped in blocks; each block knows the largest end inside it,
 * and the blocks know the running maximum, so a query skips every block that
 * ends before the range and never looks past the first start after it. */
#define BLOCK_SHIFT 6
#define BLOCK_SIZE (1u << BLOCK_SHIFT)

typedef struct
{
  guint      start;
  guint      end;
  guint      column;
  guint      group;
  KtsCoding *coding;
} Entry;

typedef struct
{
  guint end;
  guint column;
} Active;

struct _KtsTranscriptIndex
{
  GArray *entries;       /* Entry, sorted by start */
  GArray *block_max;     /* guint: largest end in each block */
  GArray *prefix_max;    /* guint: largest end in blocks 0..i */
  GArray *group_columns; /* guint: columns of each group */
  guint   n_columns;
};

KtsTranscriptIndex *
kts_transcript_index_new (void)
{
  KtsTranscriptIndex *self = g_new0 (KtsTranscriptIndex, 1);

  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->block_max = g_array_new (FALSE, FALSE, sizeof (guint));
  self->prefix_max = g_array_new (FALSE, FALSE, sizeof (guint));
  self->group_columns = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

void
kts_transcript_index_clear (KtsTranscriptIndex *self)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->entries->len; i++)
    g_object_unref (g_array_index (self->entries, Entry, i).coding);
  g_array_set_size (self->entries, 0);
  g_array_set_size (self->block_max, 0);
  g_array_set_size (self->prefix_max, 0);
  g_array_set_size (self->group_columns, 0);
  self->n_columns = 0;
}

void
kts_transcript_index_free (KtsTranscriptIndex *self)
{
  if (self == NULL)
    return;
  kts_transcript_index_clear (self);
  g_array_unref (self->entries);
  g_array_unref (self->block_max);
  g_array_unref (self->prefix_max);
  g_array_unref (self->group_columns);
  g_free (self);
}

/* Binary heaps over GArrays, smallest first. */
static gboolean
active_less (const Active *a, const Active *b)
{
  return a->end < b->end || (a->end == b->end && a->column < b->column);
}

static void
active_push (GArray *heap, Active item)
{
  guint i;

  g_array_append_val (heap, item);
  i = heap->len - 1;
  while (i > 0)
    {
      guint   parent = (i - 1) / 2;
      Active *a = &g_array_index (heap, Active, i);
      Active *p = &g_array_index (heap, Active, parent);

      if (!active_less (a, p))
        break;
      Active tmp = *a;
      *a = *p;
      *p = tmp;
      i = parent;
    }
}

static Active
active_pop (GArray *heap)
{
  Active top = g_array_index (heap, Active, 0);
  guint  i = 0;

  g_array_index (heap, Active, 0) = g_array_index (heap, Active, heap->len - 1);
  g_array_set_size (heap, heap->len - 1);
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;

      if (l < heap->len
          && active_less (&g_array_index (heap, Active, l), &g_array_index (heap, Active, m)))
        m = l;
      if (r < heap->len
          && active_less (&g_array_index (heap, Active, r), &g_array_index (heap, Active, m)))
        m = r;
      if (m == i)
        break;
      Active tmp = g_array_index (heap, Active, i);
      g_array_index (heap, Active, i) = g_array_index (heap, Active, m);
      g_array_index (heap, Active, m) = tmp;
      i = m;
    }
  return top;
}

static void
column_push (GArray *heap, guint column)
{
  guint i;

  g_array_append_val (heap, column);
  i = heap->len - 1;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      guint c = g_array_index (heap, guint, i);

      if (c >= g_array_index (heap, guint, parent))
        break;
      g_array_index (heap, guint, i) = g_array_index (heap, guint, parent);
      g_array_index (heap, guint, parent) = c;
      i = parent;
    }
}

static guint
column_pop (GArray *heap)
{
  guint top = g_array_index (heap, guint, 0);
  guint i = 0;

  g_array_index (heap, guint, 0) = g_array_index (heap, guint, heap->len - 1);
  g_array_set_size (heap, heap->len - 1);
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;

      if (l < heap->len && g_array_index (heap, guint, l) < g_array_index (heap, guint, m))
        m = l;
      if (r < heap->len && g_array_index (heap, guint, r) < g_array_index (heap, guint, m))
        m = r;
      if (m == i)
        break;
      guint tmp = g_array_index (heap, guint, i);
      g_array_index (heap, guint, i) = g_array_index (heap, guint, m);
      g_array_index (heap, guint, m) = tmp;
      i = m;
    }
  return top;
}

/* One sweep per group: groups are few (coders), entries many. */
static void
assign_group_columns (KtsTranscriptIndex *self, guint group, GArray *active, GArray *free_columns)
{
  guint n_columns = 0;

  g_array_set_size (active, 0);
  g_array_set_size (free_columns, 0);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = &g_array_index (self->entries, Entry, i);
      Active a;

      if (e->group != group)
        continue;
      while (active->len > 0 && g_array_index (active, Active, 0).end <= e->start)
        column_push (free_columns, active_pop (active).column);

      if (free_columns->len > 0)
        e->column = column_pop (free_columns);
      else
        e->column = n_columns++;

      a.end = e->end;
      a.column = e->column;
      active_push (active, a);
    }
  g_array_index (self->group_columns, guint, group) = n_columns;
  self->n_columns += n_columns;
}

static void
assign_columns (KtsTranscriptIndex *self)
{
  g_autoptr (GArray) active = g_array_new (FALSE, FALSE, sizeof (Active));
  g_autoptr (GArray) free_columns = g_array_new (FALSE, FALSE, sizeof (guint));

  self->n_columns = 0;
  for (guint g = 0; g < self->group_columns->len; g++)
    assign_group_columns (self, g, active, free_columns);
}

static void
build_blocks (KtsTranscriptIndex *self)
{
  guint n_blocks = (self->entries->len + BLOCK_SIZE - 1) >> BLOCK_SHIFT;
  guint running = 0;

  g_array_set_size (self->block_max, n_blocks);
  g_array_set_size (self->prefix_max, n_blocks);
  for (guint b = 0; b < n_blocks; b++)
    {
      guint first = b << BLOCK_SHIFT;
      guint last = MIN (first + BLOCK_SIZE, self->entries->len);
      guint max_end = 0;

      for (guint i = first; i < last; i++)
        max_end = MAX (max_end, g_array_index (self->entries, Entry, i).end);
      running = MAX (running, max_end);
      g_array_index (self->block_max, guint, b) = max_end;
      g_array_index (self->prefix_max, guint, b) = running;
    }
}

void
kts_transcript_index_rebuild (KtsTranscriptIndex      *self,
                              KtsCoding              **codings,
                              guint                    n_codings,
                              KtsTranscriptIndexFilter filter,
                              gpointer                 user_data)
{
  guint n_groups = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (codings != NULL || n_codings == 0);

  kts_transcript_index_clear (self);

  for (guint i = 0; i < n_codings; i++)
    {
      KtsCoding *coding = codings[i];
      int        group = filter != NULL ? filter (coding, user_data) : 0;
      Entry      e;

      if (group < 0)
        continue;
      e.start = kts_coding_get_start (coding);
      e.end = kts_coding_get_end (coding);
      e.column = 0;
      e.group = (guint)group;
      e.coding = g_object_ref (coding);
      g_array_append_val (self->entries, e);
      n_groups = MAX (n_groups, e.group + 1);
    }
  g_array_set_size (self->group_columns, n_groups);

  assign_columns (self);
  build_blocks (self);
}

guint
kts_transcript_index_get_n_items (KtsTranscriptIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->entries->len;
}

KtsCoding *
kts_transcript_index_get_coding (KtsTranscriptIndex *self, guint position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);
  return g_array_index (self->entries, Entry, position).coding;
}

guint
kts_transcript_index_get_start (KtsTranscriptIndex *self, guint position)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (position < self->entries->len, 0);
  return g_array_index (self->entries, Entry, position).start;
}

guint
kts_transcript_index_get_end (KtsTranscriptIndex *self, guint position)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (position < self->entries->len, 0);
  return g_array_index (self->entries, Entry, position).end;
}

guint
kts_transcript_index_get_column (KtsTranscriptIndex *self, guint position)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (position < self->entries->len, 0);
  return g_array_index (self->entries, Entry, position).column;
}

guint
kts_transcript_index_get_group (KtsTranscriptIndex *self, guint position)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (position < self->entries->len, 0);
  return g_array_index (self->entries, Entry, position).group;
}

guint
kts_transcript_index_get_n_columns (KtsTranscriptIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_columns;
}

guint
kts_transcript_index_get_n_groups (KtsTranscriptIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->group_columns->len;
}

guint
kts_transcript_index_get_group_columns (KtsTranscriptIndex *self, guint group)
{
  g_return_val_if_fail (self != NULL, 0);
  if (group >= self->group_columns->len)
    return 0;
  return g_array_index (self->group_columns, guint, group);
}

guint
kts_transcript_index_lower_bound (KtsTranscriptIndex *self, guint offset)
{
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, 0);

  hi = self->entries->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->entries, Entry, mid).start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

int
kts_transcript_index_find (KtsTranscriptIndex *self, KtsCoding *coding)
{
  guint first;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (KTS_IS_CODING (coding), -1);

  first = kts_transcript_index_lower_bound (self, kts_coding_get_start (coding));
  for (guint i = first; i < self->entries->len; i++)
    {
      Entry *e = &g_array_index (self->entries, Entry, i);

      if (e->start != kts_coding_get_start (coding))
        break;
      if (e->coding == coding)
        return (int)i;
    }
  return -1;
}

void
kts_transcript_index_query (KtsTranscriptIndex *self, guint start, guint end, GArray *positions)
{
  guint hi, lo_block, hi_block;

  g_return_if_fail (self != NULL);
  g_return_if_fail (positions != NULL);

  if (end <= start)
    end = start + 1;

  /* Nothing at or after @end can overlap. */
  hi = kts_transcript_index_lower_bound (self, end);
  if (hi == 0)
    return;

  /* The first block whose running maximum reaches past @start. */
  {
    guint lo = 0, top = self->prefix_max->len;

    while (lo < top)
      {
        guint mid = lo + (top - lo) / 2;

        if (g_array_index (self->prefix_max, guint, mid) <= start)
          lo = mid + 1;
        else
          top = mid;
      }
    lo_block = lo;
  }
  hi_block = (hi - 1) >> BLOCK_SHIFT;

  for (guint b = lo_block; b <= hi_block && b < self->block_max->len; b++)
    {
      guint first, last;

      if (g_array_index (self->block_max, guint, b) <= start)
        continue;

      first = b << BLOCK_SHIFT;
      last = MIN (first + BLOCK_SIZE, hi);
      for (guint i = first; i < last; i++)
        {
          if (g_array_index (self->entries, Entry, i).end > start)
            g_array_append_val (positions, i);
        }
    }
}
