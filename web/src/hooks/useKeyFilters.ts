import { useSearchParams } from 'react-router';
import { filtersFromSearch, filtersToSearch, type KeyFilters } from '../model/key-filters.ts';

/** The keys list's filters, read from and written to the URL. */
export function useKeyFilters(): [KeyFilters, (filters: KeyFilters) => void] {
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const setFilters = (next: KeyFilters) => {
    const nextSearch = filtersToSearch(next);
    if (nextSearch.toString() !== search.toString()) setSearch(nextSearch, { replace: true });
  };
  return [filters, setFilters];
}
