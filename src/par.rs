//! Data parallelism behind the `parallel` feature (on by default).
//!
//! With the feature, these are rayon's parallel iterators and scopes; without
//! it, the same calls run in order on the calling thread, so the library
//! builds and gives identical results with `--no-default-features` (results
//! are collected in input order either way).

/// Runs `background` on the pool while `foreground` runs on this thread,
/// and returns when both are done (`foreground` need not be `Send`).
#[cfg(feature = "parallel")]
pub(crate) fn beside<F, R, B>(foreground: F, background: B) -> R
where
    F: FnOnce() -> R,
    B: FnOnce() + Send,
{
    rayon::in_place_scope(|scope| {
        scope.spawn(|_| background());
        foreground()
    })
}
#[cfg(feature = "parallel")]
pub(crate) use rayon::prelude::*;

#[cfg(not(feature = "parallel"))]
pub(crate) use serial::*;

#[cfg(not(feature = "parallel"))]
mod serial {
    /// Runs `background`, then `foreground`, on this thread.
    pub(crate) fn beside<F, R, B>(foreground: F, background: B) -> R
    where
        F: FnOnce() -> R,
        B: FnOnce(),
    {
        background();
        foreground()
    }

    /// `par_iter` as a plain slice iterator.
    pub(crate) trait IntoParallelRefIterator<T> {
        /// The slice's items in order.
        fn par_iter(&self) -> std::slice::Iter<'_, T>;
    }

    impl<T> IntoParallelRefIterator<T> for [T] {
        fn par_iter(&self) -> std::slice::Iter<'_, T> {
            self.iter()
        }
    }

    /// `par_chunks_mut` as plain `chunks_mut`.
    pub(crate) trait ParallelSliceMut<T> {
        /// Mutable chunks of `size` items, in order.
        fn par_chunks_mut(&mut self, size: usize) -> std::slice::ChunksMut<'_, T>;
    }

    impl<T> ParallelSliceMut<T> for [T] {
        fn par_chunks_mut(&mut self, size: usize) -> std::slice::ChunksMut<'_, T> {
            self.chunks_mut(size)
        }
    }

    /// rayon's `map_init` on a plain iterator: one state for the whole run.
    pub(crate) trait MapInit: Iterator + Sized {
        /// Maps every item with `f`, sharing one state made by `init`.
        fn map_init<S, R>(
            self,
            init: impl FnOnce() -> S,
            mut f: impl FnMut(&mut S, Self::Item) -> R,
        ) -> impl Iterator<Item = R> {
            let mut state = init();
            self.map(move |x| f(&mut state, x))
        }
    }

    impl<I: Iterator> MapInit for I {}
}
