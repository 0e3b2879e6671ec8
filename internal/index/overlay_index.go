package index

import (
	"errors"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
)

// The rest of bleve.Index for an Overlay: reads that look at every shard,
// and writes, which it refuses.

// Document returns a document as the overlay sees it: from the delta when
// a change put it there, nil when a change hid it, else from the shard
// that holds it.
func (o *Overlay) Document(id string) (bindex.Document, error) {
	if o.active.Load() {
		o.mu.RLock()
		defer o.mu.RUnlock()
		if o.delta != nil {
			d, err := o.delta.Document(id)
			if err != nil || d != nil {
				return d, err
			}
		}
		if _, ok := o.mask[id]; ok {
			return nil, nil
		}
	}
	for _, sh := range o.shards {
		d, err := sh.Document(id)
		if err != nil || d != nil {
			return d, err
		}
	}
	return nil, nil
}

// DocCount counts the documents the overlay shows.
func (o *Overlay) DocCount() (uint64, error) {
	var n uint64
	for _, sh := range o.shards {
		c, err := sh.DocCount()
		if err != nil {
			return 0, err
		}
		n += c
	}
	if !o.active.Load() {
		return n, nil
	}
	o.mu.RLock()
	defer o.mu.RUnlock()
	return n - uint64(len(o.mask)) + uint64(o.nDelta), nil
}

// Fields lists the fields of the shards and the delta.
func (o *Overlay) Fields() ([]string, error) {
	var fs []string
	add := func(idx bleve.Index) error {
		more, err := idx.Fields()
		if err != nil {
			return err
		}
		for _, f := range more {
			if !slices.Contains(fs, f) {
				fs = append(fs, f)
			}
		}
		return nil
	}
	for _, sh := range o.shards {
		if err := add(sh); err != nil {
			return nil, err
		}
	}
	if !o.active.Load() {
		return fs, nil
	}
	o.mu.RLock()
	defer o.mu.RUnlock()
	if o.delta == nil {
		return fs, nil
	}
	if err := add(o.delta); err != nil {
		return nil, err
	}
	return fs, nil
}

// errNoDict: a field dictionary of one index would be wrong once changes
// are overlaid, or when the base has several shards (Bleve merges no
// dictionaries; query.LookupIndex reads each shard's through a search).
var errNoDict = errors.New("no field dictionary of a sharded generation or while journal changes are overlaid")

// dictBase is the one index whose dictionaries are the overlay's: the base
// while it has a single shard and no change is applied.
func (o *Overlay) dictBase(what string) (bleve.Index, error) {
	if o.active.Load() || len(o.shards) > 1 {
		return nil, fmt.Errorf("%s: %w", what, errNoDict)
	}
	return o.shards[0], nil
}

// FieldDict is the base's while it has one shard and no change is applied.
func (o *Overlay) FieldDict(field string) (bindex.FieldDict, error) {
	b, err := o.dictBase("field " + field)
	if err != nil {
		return nil, err
	}
	return b.FieldDict(field)
}

// FieldDictRange is the base's while it has one shard and no change is
// applied.
func (o *Overlay) FieldDictRange(field string, startTerm []byte, endTerm []byte) (bindex.FieldDict, error) {
	b, err := o.dictBase("field " + field)
	if err != nil {
		return nil, err
	}
	return b.FieldDictRange(field, startTerm, endTerm)
}

// FieldDictPrefix is the base's while it has one shard and no change is
// applied.
func (o *Overlay) FieldDictPrefix(field string, termPrefix []byte) (bindex.FieldDict, error) {
	b, err := o.dictBase("field " + field)
	if err != nil {
		return nil, err
	}
	return b.FieldDictPrefix(field, termPrefix)
}

// Advanced is the base's internal index while it has one shard and no
// change is applied (see Shards for each shard's).
func (o *Overlay) Advanced() (bindex.Index, error) {
	b, err := o.dictBase("advanced index of " + o.name)
	if err != nil {
		return nil, err
	}
	return b.Advanced()
}

// Close closes the delta and the shards.
func (o *Overlay) Close() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	var errs []error
	if o.delta != nil {
		errs = append(errs, o.delta.Close())
	}
	for _, sh := range o.shards {
		errs = append(errs, sh.Close())
	}
	return errors.Join(errs...)
}

// Mapping is the generation's mapping (every shard has the same).
func (o *Overlay) Mapping() mapping.IndexMapping { return o.shards[0].Mapping() }

// Stats are the first shard's.
func (o *Overlay) Stats() *bleve.IndexStat { return o.shards[0].Stats() }

// StatsMap is the base's: its one shard's, or each shard's under "shards".
func (o *Overlay) StatsMap() map[string]any {
	if len(o.shards) == 1 {
		return o.shards[0].StatsMap()
	}
	per := make([]map[string]any, len(o.shards))
	for i, sh := range o.shards {
		per[i] = sh.StatsMap()
	}
	return map[string]any{"shards": per}
}

// GetInternal reads the first shard's internal store.
func (o *Overlay) GetInternal(key []byte) ([]byte, error) { return o.shards[0].GetInternal(key) }

// Name is the overlay's name (the base's path unless set).
func (o *Overlay) Name() string { return o.name }

// SetName names the overlay.
func (o *Overlay) SetName(name string) { o.name = name }

// NewBatch returns a batch, which the overlay refuses to apply.
func (o *Overlay) NewBatch() *bleve.Batch { return o.shards[0].NewBatch() }

// Index is refused: see ErrReadOnly.
func (o *Overlay) Index(id string, _ any) error { return fmt.Errorf("index %q: %w", id, ErrReadOnly) }

// Delete is refused: see ErrReadOnly.
func (o *Overlay) Delete(id string) error { return fmt.Errorf("delete %q: %w", id, ErrReadOnly) }

// Batch is refused: see ErrReadOnly.
func (o *Overlay) Batch(*bleve.Batch) error { return fmt.Errorf("batch: %w", ErrReadOnly) }

// SetInternal is refused: see ErrReadOnly.
func (o *Overlay) SetInternal(_, _ []byte) error { return fmt.Errorf("set internal: %w", ErrReadOnly) }

// DeleteInternal is refused: see ErrReadOnly.
func (o *Overlay) DeleteInternal([]byte) error { return fmt.Errorf("delete internal: %w", ErrReadOnly) }

var _ bleve.Index = (*Overlay)(nil)
