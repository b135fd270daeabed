// GeoJSON maps served by `ballast serve` at /geo/<adcode>.json, registered with ECharts on demand.
import { echarts } from './echarts';

export interface GeoFeature {
  properties: { adcode?: number | string; name?: string; label?: string; centroid?: [number, number]; center?: [number, number] };
}
export interface GeoMap {
  name: string; // the name the map is registered under
  features: GeoFeature[];
}

const cache = new Map<string, Promise<GeoMap | null>>();

/** Loads and registers the map of a region's children; null when there is no map for it. */
export function loadGeo(code: string): Promise<GeoMap | null> {
  let p = cache.get(code);
  if (!p) {
    p = (async () => {
      const res = await fetch(`/geo/${code}.json`);
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`/geo/${code}.json: HTTP ${res.status}`);
      const json = (await res.json()) as { features?: GeoFeature[] };
      if (!json || !Array.isArray(json.features)) return null;
      // Name features by adcode so that data match by code, not by (ambiguous) names.
      for (const f of json.features) {
        f.properties = f.properties ?? {};
        f.properties.label = f.properties.name;
        f.properties.name = String(f.properties.adcode ?? f.properties.name ?? '');
      }
      const name = `ballast-${code}`;
      echarts.registerMap(name, json as never);
      return { name, features: json.features };
    })();
    p.catch(() => cache.delete(code));
    cache.set(code, p);
  }
  return p;
}
