<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>regions</Name>
    <UserStyle>
      <Title>Incidents per region and period</Title>
      <FeatureTypeStyle>
        <Rule>
          <Title>no incidents</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>total</ogc:PropertyName><ogc:Literal>0</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#e3e3e3</CssParameter><CssParameter name="fill-opacity">0.6</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#969696</CssParameter><CssParameter name="stroke-width">0.5</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Title>up to 1</Title>
          <ogc:Filter><ogc:And>
            <ogc:PropertyIsGreaterThan><ogc:PropertyName>total</ogc:PropertyName><ogc:Literal>0</ogc:Literal></ogc:PropertyIsGreaterThan>
            <ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>total</ogc:PropertyName><ogc:Literal>1</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>
          </ogc:And></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#ffffb2</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#505050</CssParameter><CssParameter name="stroke-width">0.5</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Title>1 - 3</Title>
          <ogc:Filter><ogc:And>
            <ogc:PropertyIsGreaterThan><ogc:PropertyName>total</ogc:PropertyName><ogc:Literal>1</ogc:Literal></ogc:PropertyIsGreaterThan>
            <ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>total</ogc:PropertyName><ogc:Literal>3</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>
          </ogc:And></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#fecc5c</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#505050</CssParameter><CssParameter name="stroke-width">0.5</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Title>3 - 10</Title>
          <ogc:Filter><ogc:And>
            <ogc:PropertyIsGreaterThan><ogc:PropertyName>total</ogc:PropertyName><ogc:Literal>3</ogc:Literal></ogc:PropertyIsGreaterThan>
            <ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>total</ogc:PropertyName><ogc:Literal>10</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>
          </ogc:And></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#fd8d3c</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#505050</CssParameter><CssParameter name="stroke-width">0.5</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Title>10 - 30</Title>
          <ogc:Filter><ogc:And>
            <ogc:PropertyIsGreaterThan><ogc:PropertyName>total</ogc:PropertyName><ogc:Literal>10</ogc:Literal></ogc:PropertyIsGreaterThan>
            <ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>total</ogc:PropertyName><ogc:Literal>30</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>
          </ogc:And></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#f03b20</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#505050</CssParameter><CssParameter name="stroke-width">0.5</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Title>more than 30</Title>
          <ogc:Filter><ogc:PropertyIsGreaterThan><ogc:PropertyName>total</ogc:PropertyName><ogc:Literal>30</ogc:Literal></ogc:PropertyIsGreaterThan></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">#bd0026</CssParameter><CssParameter name="fill-opacity">0.8</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#505050</CssParameter><CssParameter name="stroke-width">0.5</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
