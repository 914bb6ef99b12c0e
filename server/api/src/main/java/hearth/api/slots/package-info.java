/** Slots: named places in the core templates where plugins add HTML. */
package hearth.api.slots;
